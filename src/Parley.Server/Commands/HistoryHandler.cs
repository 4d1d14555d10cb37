using System.Globalization;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary>
/// <c>history [count] [before &lt;id&gt;]</c> (extension): a page of earlier messages of the sender's room,
/// oldest first, in the configured history format.
/// </summary>
internal sealed class HistoryHandler : IRequestHandler
{
    private const int DefaultCount = 50;

    public string Name => "history";

    public string Usage => "history [count] [before <id>]";

    public string Description => "show earlier messages: the last [count], or those before message <id>";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var options = session.Server.Options;
        if (!TryParse(request.Content, out var count, out var beforeId))
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage} (count from 1 to {options.HistoryPageMaxMessages}).");
            return;
        }

        if (session.Room is not { } room)
        {
            return;
        }

        count = Math.Min(count ?? DefaultCount, options.HistoryPageMaxMessages);
        var page = await session.Server.Store.GetRecentAsync(room.Name, count.Value, beforeId, cancellationToken);
        session.TrySend(HistoryWriter.Write(page, options.HistoryFormat, session.Server.Clock.GetUtcNow(), maxBytes: null, room.Name));
    }

    /// <summary>Accepts "", "20", "before 123", "20 before 123".</summary>
    internal static bool TryParse(string? content, out int? count, out long? beforeId)
    {
        count = null;
        beforeId = null;
        var words = (content ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var i = 0;
        if (i < words.Length && int.TryParse(words[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n < 1)
            {
                return false;
            }

            count = n;
            i++;
        }

        if (i + 1 < words.Length && words[i].Equals("before", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(words[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            beforeId = id;
            i += 2;
        }

        return i == words.Length;
    }
}

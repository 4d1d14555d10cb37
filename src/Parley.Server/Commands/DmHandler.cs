using System.Buffers;
using System.Text;
using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Commands;

/// <summary>
/// <c>dm &lt;user&gt; &lt;text&gt;</c> (extension): a <c>message</c> with <c>"to"</c> (and no room) to one logged-in
/// user, echoed to the sender. Stored before it is delivered, like a room message; it is in no room's history.
/// </summary>
internal sealed partial class DmHandler : IRequestHandler
{
    private static readonly SearchValues<char> s_whitespace = SearchValues.Create(" \t\r\n");

    public string Name => "dm";

    public string Usage => "dm <user> <text>";

    public string Description => "send a direct message to one logged-in user only";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    /// <summary>
    /// Direct messages are stored in the order sent (the store's queue) and delivered in a chain behind the
    /// session's earlier deliveries, so the session need not wait for one before reading the next.
    /// </summary>
    public bool Pipelined => true;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        if (!TryParse(request.Content, out var to, out var text) || !Usernames.IsValid(to))
        {
            await session.SendErrorAfterDeliveriesAsync(ErrorCodes.InvalidArgument, $"Usage: {Usage}");
            return;
        }

        if (MessageText.Problem(session, text, Usage) is { } problem)
        {
            await session.SendErrorAfterDeliveriesAsync(problem.Code, problem.Text);
            return;
        }

        var server = session.Server;
        ChatSession? recipient;
        RemoteUser? remote;
        try
        {
            (recipient, remote) = await server.LocateUserAsync(to, cancellationToken);
        }
        catch (BackplaneUnavailableException)
        {
            await session.SendErrorAfterDeliveriesAsync(ErrorCodes.ClusterUnavailable,
                $"The other servers of this chat cannot be reached right now, so '{to}' cannot be found; your message was not sent. Try again in a moment.");
            return;
        }

        if ((recipient?.Username ?? remote?.Name) is not { } recipientName)
        {
            await session.SendErrorAfterDeliveriesAsync(ErrorCodes.NotFound, $"No user named '{to}' is logged in.");
            return;
        }

        if (session.Username is not { } sender)
        {
            return; // logged out concurrently
        }

        // Not cancelled with the connection: once stored, the message is delivered even if its sender leaves.
        // The append is queued now, so ids follow the order sent; the delivery waits for the earlier ones.
        var stored = server.Store.AppendAsync([new NewMessage(Room: null, sender, text, server.Clock.GetUtcNow(), To: recipientName)], CancellationToken.None).AsTask();
        session.TrackDelivery(DeliverAsync(session, recipient, remote, stored, session.LastDelivery), s_chain);
    }

    // What orders direct messages: the chain of each session's deliveries.
    private static readonly object s_chain = new();

    /// <summary>To <paramref name="recipient"/> here, or else to <paramref name="remote"/> through its node; and the echo.</summary>
    private static async Task DeliverAsync(ChatSession session, ChatSession? recipient, RemoteUser? remote, Task<IReadOnlyList<StoredMessage>> append, Task previous)
    {
        IReadOnlyList<StoredMessage> result;
        try
        {
            result = await append;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was delivered, so nothing acknowledged is lost; the sender learns it failed. A storage
            // fault (a full disk) was logged once by StoreHealth; the refusal itself is logged with the code.
            if (ex is not StoreUnavailableException)
            {
                DmLog.StoreFailed(session.Logger, session.ConnectionId, ex);
            }

            await previous;
            session.SendError(ErrorCodes.StoreUnavailable, StoreRefusal.MessageNotDelivered(ex));
            return;
        }

        await previous;
        var counters = session.Server.Counters;
        counters.MessagesAccepted(1);
        var line = PayloadWriter.ToLine(HistoryWriter.ToPayload(result[0]));
        var delivered = 0;
        if (recipient is not null)
        {
            delivered += recipient.TrySend(line) ? 1 : 0;
        }
        else
        {
            session.Server.Backplane!.SendToNode(remote!.NodeId, new NodeCommand(NodeCommandKind.Deliver, remote.Name, Line: Encoding.UTF8.GetString(line)));
            delivered++;
        }

        if (recipient != session && session.TrySend(line))
        {
            delivered++;
        }

        counters.Delivered(delivered);
    }

    /// <summary>
    /// Splits "bob some text" at the first whitespace after the name; the text is everything after that one
    /// character, as typed. False when there is no name, or nothing (not even a space) after it.
    /// </summary>
    internal static bool TryParse(string? content, out string user, out string text)
    {
        var trimmed = (content ?? string.Empty).TrimStart();
        var gap = trimmed.AsSpan().IndexOfAny(s_whitespace);
        user = gap < 0 ? trimmed : trimmed[..gap];
        text = gap < 0 ? string.Empty : trimmed[(gap + 1)..];
        return user.Length > 0 && gap >= 0;
    }

    private static partial class DmLog
    {
        [LoggerMessage(30, LogLevel.Error, "[{ConnectionId}] Storing a direct message failed; it was not delivered")]
        public static partial void StoreFailed(ILogger logger, string connectionId, Exception exception);
    }
}

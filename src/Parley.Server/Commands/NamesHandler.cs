using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>names</c>: an info listing the users in the sender's room (a string: peer clients concatenate it).</summary>
internal sealed class NamesHandler : IRequestHandler
{
    public string Name => "names";

    public string Usage => "names";

    public string Description => "list the users in the chat";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => false;

    public ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var names = session.Room?.Members.Select(m => m.Username).OfType<string>().Order(Usernames.Comparer).ToArray() ?? [];
        session.SendInfo($"Users in chat ({names.Length}): {string.Join(", ", names)}");
        return ValueTask.CompletedTask;
    }
}

using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>names</c>: an info listing the users in the sender's room (a string: peer clients concatenate it).</summary>
internal sealed class NamesHandler : IRequestHandler
{
    public string Name => "names";

    public string Usage => "names";

    public string Description => "list the users in your room";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => false;

    public ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        if (session.Room is not { } room)
        {
            return ValueTask.CompletedTask; // logged out concurrently: there is no room to list
        }

        var names = room.Members.Select(m => m.Username).OfType<string>().Order(Usernames.Comparer).ToArray();
        session.Send(Notices.Info(session.Server.Clock, $"Users in #{room.Name} ({names.Length}): {string.Join(", ", names)}") with { Room = room.Name });
        return ValueTask.CompletedTask;
    }
}

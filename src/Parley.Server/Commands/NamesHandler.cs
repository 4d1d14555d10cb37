using Parley.Cluster;
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

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        if (session.Room is not { } room)
        {
            return; // logged out concurrently: there is no room to list
        }

        // In a cluster the room spans nodes; when the others cannot be asked, this node's part is still news.
        var server = session.Server;
        var partial = string.Empty;
        IReadOnlyList<string> names;
        try
        {
            names = await server.RoomMemberNamesAsync(room, cancellationToken);
        }
        catch (BackplaneUnavailableException)
        {
            names = [.. room.Members.Select(m => m.Username).OfType<string>().Order(Usernames.Comparer)];
            partial = " (this server only: the others cannot be reached right now)";
        }

        session.Send(Notices.Info(server.Clock, $"Users in #{room.Name} ({names.Count}){partial}: {string.Join(", ", names)}") with { Room = room.Name });
    }
}

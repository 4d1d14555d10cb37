using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>rooms</c> (extension): an info listing every room that exists, with how many users are in it now.</summary>
internal sealed class RoomsHandler : IRequestHandler
{
    public string Name => "rooms";

    public string Usage => "rooms";

    public string Description => "list the rooms and how many users are in each";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var server = session.Server;

        // The store knows every room ever created (across restarts); only live rooms have members.
        var names = (await server.Store.ListRoomsAsync(cancellationToken)).Order(RoomNames.Comparer).ToArray();
        var counts = await server.CountRoomMembersAsync(names, cancellationToken);
        session.SendInfo($"Rooms: {string.Join(", ", names.Select((name, i) => $"{name} ({counts[i]})"))}");
    }
}

using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>join &lt;room&gt;</c> (extension): moves the user to the room, creating it when it does not exist.</summary>
internal sealed class JoinHandler : IRequestHandler
{
    private const int MaxEchoedLength = 40;

    public string Name => "join";

    public string Usage => "join <room>";

    public string Description => $"move to a room, creating it if new (letters, digits, - and _, 1 to {RoomNames.MaxLength} characters)";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    public ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var room = request.Content;
        if (!RoomNames.IsValid(room))
        {
            session.SendError(ErrorCodes.InvalidArgument, room is null
                ? $"Usage: {Usage}"
                : $"Invalid room name '{Shorten(room)}': use 1 to {RoomNames.MaxLength} letters, digits, '-' or '_'.");
            return ValueTask.CompletedTask;
        }

        return RoomSwitch.MoveAsync(session, room, cancellationToken);
    }

    private static string Shorten(string text) => text.Length > MaxEchoedLength ? text[..MaxEchoedLength] + "..." : text;
}

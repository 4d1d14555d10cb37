namespace Parley.Cluster;

/// <summary>What an order to another node asks for.</summary>
public enum NodeCommandKind
{
    /// <summary>Give <see cref="NodeCommand.Line"/> (a whole payload line) to the user.</summary>
    Deliver,

    /// <summary>
    /// Remove the user from the chat: log out, send <see cref="NodeCommand.Text"/> as an info and close; tell
    /// the user's room <see cref="NodeCommand.RoomText"/>.
    /// </summary>
    Eject,
}

/// <summary>
/// An order for one user's node (direct messages, infos, kicks and bans of a user on another node). An
/// <see cref="NodeCommandKind.Eject"/> with <see cref="BannedBy"/> is a ban: the user's node, which knows the
/// address the user is connected from, records the ban again with it.
/// </summary>
public sealed record NodeCommand(NodeCommandKind Kind, string User, string? Line = null, string? Text = null, string? RoomText = null,
    string? BannedBy = null, string? BanReason = null);

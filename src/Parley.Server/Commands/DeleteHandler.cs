using System.Globalization;
using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Chat;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary>
/// <c>delete &lt;message-id&gt;</c> (moderators): removes a message from the store for good, so later logins,
/// joins and history pages never show it; the room is told (with <c>deleted</c> and <c>room</c>) so clients
/// can drop it from view.
/// </summary>
internal sealed class DeleteHandler(AccountService accounts) : ModerationHandler(accounts)
{
    public override string Name => "delete";

    public override string Usage => "delete <message-id>";

    public override string Description => "moderators: remove a message from history for everyone";

    protected override string Action => "delete messages";

    protected override async ValueTask ModerateAsync(ChatSession session, string actor, string? content, CancellationToken cancellationToken)
    {
        if (!long.TryParse(content?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage} (the id is the number in the message's \"id\").");
            return;
        }

        var store = Accounts.Store;
        var message = await store.FindMessageAsync(id, cancellationToken);
        if (message is null || !await store.DeleteMessageAsync(id, cancellationToken))
        {
            session.SendError(ErrorCodes.NotFound, $"There is no message {id}.");
            return;
        }

        // The audit names the author, never the text: message bodies stay out of logs.
        await Accounts.AuditAsync(actor, "delete", id.ToString(CultureInfo.InvariantCulture),
            $"by {message.Sender} in {message.Room ?? "a direct message"}", cancellationToken);
        var server = session.Server;
        TellRoom(session, message.Room, Notices.Info(server.Clock, $"Message {id} was removed by a moderator.") with
        {
            Room = message.Room,
            Deleted = id,
        });
    }
}

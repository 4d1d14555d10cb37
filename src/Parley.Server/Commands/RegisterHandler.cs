using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Commands;

/// <summary>
/// <c>register &lt;password&gt;</c> (extension): claims the name the session is logged in with. The whole content
/// is the password (spaces included); only its salted hash is stored.
/// </summary>
internal sealed class RegisterHandler(AccountService accounts) : IRequestHandler
{
    public string Name => "register";

    public string Usage => "register <password>";

    public string Description => $"claim your current name: from then on it needs this password (at least {AccountService.MinPasswordLength} characters)";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var name = session.Username!;
        var password = request.Content;
        if (password is null || password.Length < AccountService.MinPasswordLength)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage}: the password needs at least {AccountService.MinPasswordLength} characters.");
            return;
        }

        if (session.IsAuthenticated)
        {
            session.SendError(ErrorCodes.AlreadyRegistered, $"The name {name} is registered to you already. To change the password: password <old> <new>");
            return;
        }

        // Checked before hashing so that a claimed name costs no CPU; the create below settles any race.
        if (await accounts.Store.FindAccountAsync(name, cancellationToken) is not null)
        {
            session.SendError(ErrorCodes.AlreadyRegistered, $"The name {name} is registered to someone else. Log out and choose another name.");
            return;
        }

        var hash = await accounts.Hasher.HashAsync(password, cancellationToken);
        var account = new Account(name, hash, IsModerator: false, session.Server.Clock.GetUtcNow());
        if (!await accounts.Store.CreateAccountAsync(account, cancellationToken))
        {
            session.SendError(ErrorCodes.AlreadyRegistered, $"The name {name} is registered to someone else. Log out and choose another name.");
            return;
        }

        session.Account = account;
        session.SendInfo($"The name {name} is now registered to you. Log in with: login {name} <password>");
    }
}

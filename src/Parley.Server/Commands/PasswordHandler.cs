using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary>
/// <c>password &lt;old&gt; &lt;new&gt;</c> (extension): changes the password of the name the session is logged in
/// with. Split at the first space, so the new password may contain spaces; the old one cannot. Wrong old
/// passwords count towards the login throttle, so this is no side door for guessing.
/// </summary>
internal sealed class PasswordHandler(AccountService accounts) : IRequestHandler
{
    public string Name => "password";

    public string Usage => "password <old> <new>";

    public string Description => $"change your password (the new one at least {AccountService.MinPasswordLength} characters)";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var name = session.Username!;
        var space = request.Content?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space <= 0 || space == request.Content!.Length - 1)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage}");
            return;
        }

        var (oldPassword, newPassword) = (request.Content[..space], request.Content[(space + 1)..]);
        var account = await accounts.Store.FindAccountAsync(name, cancellationToken);
        if (account is null)
        {
            session.SendError(ErrorCodes.NotRegistered, $"The name {name} is not registered. Claim it with: register <password>");
            return;
        }

        if (newPassword.Length < AccountService.MinPasswordLength)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"The new password needs at least {AccountService.MinPasswordLength} characters.");
            return;
        }

        if (!await accounts.CheckPasswordAsync(session, account, oldPassword, cancellationToken))
        {
            return;
        }

        var hash = await accounts.Hasher.HashAsync(newPassword, cancellationToken);
        await accounts.Store.SetPasswordHashAsync(account.Name, hash, cancellationToken);
        session.Account = account with { PasswordHash = hash };
        session.SendInfo("Password changed.");
    }
}

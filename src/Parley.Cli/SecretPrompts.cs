using Parley.Protocol;

namespace Parley.Cli;

/// <summary>
/// The password prompts of interactive mode. The server holds the logic; the client only fills in what it was
/// asked for: a password after <c>login &lt;name&gt;</c> was answered <c>password_required</c>, and the passwords
/// of <c>/register</c> and <c>/password</c> typed without arguments (new ones typed twice and compared here).
/// Every prompt gives up when the connection closes. The passwords go into the request and nowhere else.
/// </summary>
internal sealed class SecretPrompts(IInteractionService output)
{
    public const string PasswordRequiredCode = "password_required";
    public const string CancelledHint = "Cancelled: nothing was sent.";
    public const string MismatchHint = "The passwords differ: nothing was sent.";
    public const string SpacesHint = "A password here cannot contain spaces: nothing was sent.";

    /// <summary>Whether <paramref name="request"/> still lacks a password the user should be asked for.</summary>
    public bool Wants(ChatRequest request)
        => output.CanReadSecrets && request.Content is null && request.Request is "register" or "password";

    /// <summary>The login to send after the server asked for <paramref name="name"/>'s password; <see langword="null"/> when cancelled.</summary>
    public async Task<ChatRequest?> LoginAsync(string name, Task connectionClosed, CancellationToken cancellationToken)
    {
        var password = await AskAsync($"Password for {name}: ", connectionClosed, cancellationToken);
        return password is null ? Cancelled() : new ChatRequest("login", name + " " + password);
    }

    /// <summary><paramref name="request"/> with the passwords asked for filled in; <see langword="null"/> when nothing is to be sent.</summary>
    public async Task<ChatRequest?> CompleteAsync(ChatRequest request, Task connectionClosed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Wants(request))
        {
            return request;
        }

        string? old = null;
        if (request.Request == "password" && (old = await AskAsync("Old password: ", connectionClosed, cancellationToken)) is null)
        {
            return Cancelled();
        }

        var label = old is null ? "Password" : "New password";
        var chosen = await AskAsync(label + ": ", connectionClosed, cancellationToken);
        var repeated = chosen is null ? null : await AskAsync("Repeat " + label.ToLowerInvariant() + ": ", connectionClosed, cancellationToken);
        if (chosen is null || repeated is null)
        {
            return Cancelled();
        }

        if (!string.Equals(chosen, repeated, StringComparison.Ordinal))
        {
            output.ShowHint(MismatchHint);
            return null;
        }

        if (old is null)
        {
            return new ChatRequest("register", chosen);
        }

        // "password <old> <new>" is split on spaces by the server: a space inside either would change its meaning.
        if (old.Any(char.IsWhiteSpace) || chosen.Any(char.IsWhiteSpace))
        {
            output.ShowHint(SpacesHint);
            return null;
        }

        return new ChatRequest("password", old + " " + chosen);
    }

    private ChatRequest? Cancelled()
    {
        output.ShowHint(CancelledHint);
        return null;
    }

    /// <summary>One secret, or <see langword="null"/> when the user cancelled, typed nothing, or the connection closed.</summary>
    private async Task<string?> AskAsync(string prompt, Task connectionClosed, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var secret = output.ReadSecretAsync(prompt, stop.Token);
        if (await Task.WhenAny(secret, connectionClosed) != secret)
        {
            await stop.CancelAsync();
        }

        var value = await secret;
        return string.IsNullOrEmpty(value) || connectionClosed.IsCompleted ? null : value;
    }
}

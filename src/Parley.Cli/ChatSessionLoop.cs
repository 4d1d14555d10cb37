using System.Net.Sockets;
using System.Threading.Channels;
using Parley.Client;
using Parley.Protocol;

namespace Parley.Cli;

/// <summary>
/// The session both modes share: typed lines in, events out, and the rules for leaving. At the end of the
/// input (or <c>/quit</c>) the client waits for the last answer, logs out when logged in and gives the
/// server at most <see cref="CloseWait"/> to close. The server closing first is a lost connection (exit 3),
/// unless we had logged out. When the output can ask for secrets (a terminal), a <c>password_required</c>
/// answer to our login is followed by a password prompt (<see cref="SecretPrompts"/>).
/// </summary>
internal sealed class ChatSessionLoop(ChatConnection connection, IInteractionService output)
{
    public static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    // Names the server wants a password for: found by the receive loop, prompted for by the input loop.
    private readonly Channel<string> _passwordWanted = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SecretPrompts _prompts = new(output);

    private ClientState State => connection.State;

    public async Task<int> RunAsync(ChannelReader<string> input, CancellationToken cancellationToken)
    {
        var receiving = ReceiveAsync(cancellationToken);
        // Kept across turns: a channel with a single reader allows one pending wait at a time.
        Task<bool>? next = null;
        Task<bool>? passwordWanted = null;
        while (true)
        {
            next ??= input.WaitToReadAsync(cancellationToken).AsTask();
            passwordWanted ??= _passwordWanted.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(next, passwordWanted, receiving) == receiving && !next.IsCompleted)
            {
                return Closed();
            }

            if (passwordWanted.IsCompleted)
            {
                passwordWanted = null;
                if (!await LogInWithPasswordAsync(receiving, cancellationToken))
                {
                    await receiving.WaitAsync(CloseWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return Closed();
                }

                continue;
            }

            var more = await next;
            next = null;
            if (!more)
            {
                return await LeaveAsync(receiving, cancellationToken);
            }

            while (input.TryRead(out var line))
            {
                if (receiving.IsCompleted)
                {
                    return Closed();
                }

                // A login on its way counts as logged in: the server answers the message with an error if it failed.
                var command = CommandParser.Parse(line, State.IsLoggedIn || State.IsLoginPending);
                switch (command.Action)
                {
                    case CommandAction.Quit:
                        return await LeaveAsync(receiving, cancellationToken);
                    case CommandAction.Hint:
                        output.ShowHint(command.Hint!);
                        break;
                    case CommandAction.ToggleIds:
                        output.ShowIds = !output.ShowIds;
                        output.ShowHint(output.ShowIds ? "Message ids are shown." : "Message ids are hidden.");
                        break;
                    case CommandAction.Send when await _prompts.CompleteAsync(command.Request!, receiving, cancellationToken) is { } request
                        && !await TrySendAsync(request, cancellationToken):
                        await receiving.WaitAsync(CloseWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        return Closed();
                    default:
                        break;
                }
            }
        }
    }

    /// <summary>Prompts for each password the server asked for and sends the login; false when the send failed.</summary>
    private async Task<bool> LogInWithPasswordAsync(Task receiving, CancellationToken cancellationToken)
    {
        while (_passwordWanted.Reader.TryRead(out var name))
        {
            if (State.IsLoggedIn || await _prompts.LoginAsync(name, receiving, cancellationToken) is not { } login)
            {
                continue;
            }

            if (!await TrySendAsync(login, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<int> LeaveAsync(Task receiving, CancellationToken cancellationToken)
    {
        if (receiving.IsCompleted)
        {
            return Closed();
        }

        // The answer to the last line typed (a `help` at the end of a script) is still worth showing.
        await connection.WaitForAnswerAsync(CloseWait, cancellationToken);
        if ((State.IsLoggedIn || State.IsLoginPending) && !State.IsLoggingOut)
        {
            await TrySendAsync(new ChatRequest("logout", null), cancellationToken);
        }

        if (State.IsLoggingOut)
        {
            // Bounded: a peer server that never closes must not keep us here.
            await receiving.WaitAsync(CloseWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return ExitCodes.Success;
    }

    private int Closed()
    {
        if (State.IsLoggingOut)
        {
            return ExitCodes.Success;
        }

        output.ShowError("parley: the server closed the connection.");
        return ExitCodes.ConnectionLost;
    }

    private async Task<bool> TrySendAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(request, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is gone; the receive loop reports it.
            return false;
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var received in connection.ReadAllAsync(cancellationToken))
            {
                output.ShowEvent(received);
                if (received.Kind == ServerEventKind.Error && output.CanReadSecrets && State.LastLoginName is { } name && !State.IsLoggedIn
                    && string.Equals(received.Code, SecretPrompts.PasswordRequiredCode, StringComparison.OrdinalIgnoreCase))
                {
                    _passwordWanted.Writer.TryWrite(name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}

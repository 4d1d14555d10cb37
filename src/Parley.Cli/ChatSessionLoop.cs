using System.Net.Sockets;
using System.Threading.Channels;
using Parley.Client;
using Parley.Protocol;

namespace Parley.Cli;

/// <summary>
/// The session both modes share: typed lines in, events out, and the rules for leaving. At the end of the
/// input (or <c>/quit</c>) the client waits for the last answer, logs out when logged in and gives the
/// server at most <see cref="CloseWait"/> to close. The server closing first is a lost connection (exit 3),
/// unless we had logged out; with <see cref="ReconnectOptions"/> (interactive mode) the loop reconnects instead
/// (<see cref="Reconnector"/>), holding the lines typed meanwhile and sending them, in order, once the session is
/// back. When the output can ask for secrets (a terminal), a <c>password_required</c> answer to our login is
/// followed by a password prompt (<see cref="SecretPrompts"/>).
/// </summary>
internal sealed partial class ChatSessionLoop
{
    public static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private readonly ChatConnection _initial;
    private readonly IInteractionService _output;
    private readonly ReconnectOptions? _reconnect;
    private readonly EventRouter _router;

    // Names the server wants a password for: found by the receive loop, prompted for by the input loop.
    private readonly Channel<string> _passwordWanted = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SecretPrompts _prompts;

    // Lines typed while the connection was down, oldest first; sent once the session is restored.
    private readonly List<string> _pending = [];

    // A person at a terminal (a paste, say) should be paced rather than refused by the server's flood limit.
    // Scripts in pipe mode are not: they keep the behaviour they had. Below Parley's defaults (5, then 2/s)
    // with room to spare: the server counts arrival times, which network and scheduling jitter move about.
    private readonly MessagePacer _pacer = new(burst: 4, perSecond: 1.5);
    private ChatConnection _connection;

    // Kept across turns (and across reconnects): a channel with a single reader allows one pending wait at a time.
    private Task<bool>? _next;

    public ChatSessionLoop(ChatConnection connection, IInteractionService output, ReconnectOptions? reconnect = null)
    {
        _initial = _connection = connection;
        _output = output;
        _reconnect = reconnect;
        _router = new EventRouter(output);
        _prompts = new SecretPrompts(output);
    }

    private ClientState State => _connection.State;

    public async Task<int> RunAsync(ChannelReader<string> input, CancellationToken cancellationToken)
    {
        if (_reconnect is not null)
        {
            _output.ShowConnectionState(ConnectionState.Connected, _reconnect.Endpoint);
        }

        try
        {
            return await RunSessionAsync(input, cancellationToken);
        }
        finally
        {
            _output.ShowConnectionState(ConnectionState.Disconnected, null);
            if (!ReferenceEquals(_connection, _initial))
            {
                // The caller owns the first connection; the ones made here are ours to close.
                await _connection.DisposeAsync();
            }
        }
    }

    private async Task<int> RunSessionAsync(ChannelReader<string> input, CancellationToken cancellationToken)
    {
        var receiving = ReceiveAsync(_connection, cancellationToken);
        Task<bool>? passwordWanted = null;
        while (true)
        {
            _next ??= input.WaitToReadAsync(cancellationToken).AsTask();
            passwordWanted ??= _passwordWanted.Reader.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(_next, passwordWanted, receiving);
            if (receiving.IsCompleted)
            {
                if (!CanReconnect)
                {
                    return Closed();
                }

                if (await ReconnectAsync(input, cancellationToken) is not { } restored)
                {
                    return ExitCodes.Success;
                }

                receiving = restored;
                if (await SendPendingAsync(receiving, cancellationToken) is { } code)
                {
                    return code;
                }

                continue;
            }

            if (passwordWanted.IsCompleted)
            {
                passwordWanted = null;
                if (!await LogInWithPasswordAsync(receiving, cancellationToken) && await LostAsync(receiving) is { } code)
                {
                    return code;
                }

                continue;
            }

            var more = await _next;
            _next = null;
            if (!more)
            {
                return await LeaveAsync(receiving, cancellationToken);
            }

            while (!receiving.IsCompleted && input.TryRead(out var line))
            {
                var (lost, exit) = await HandleLineAsync(line, receiving, cancellationToken);
                if (exit is { } code)
                {
                    return code;
                }

                if (lost)
                {
                    _pending.Insert(0, line);
                    break;
                }
            }

            if (receiving.IsCompleted && !CanReconnect)
            {
                return Closed();
            }
        }
    }

    /// <summary>One typed line. Lost: the connection failed while sending it (the caller keeps the line); Exit: leave with that code.</summary>
    private async Task<(bool Lost, int? Exit)> HandleLineAsync(string line, Task receiving, CancellationToken cancellationToken)
    {
        // A login on its way counts as logged in: the server answers the message with an error if it failed.
        var command = CommandParser.Parse(line, State.IsLoggedIn || State.IsLoginPending);
        switch (command.Action)
        {
            case CommandAction.Quit:
                return (false, await LeaveAsync(receiving, cancellationToken));
            case CommandAction.Hint:
                _output.ShowHint(command.Hint!);
                break;
            case CommandAction.ToggleIds:
                ToggleIds();
                break;
            case CommandAction.Send when await _prompts.CompleteAsync(command.Request!, receiving, cancellationToken) is { } request
                && !await TrySendAsync(request, cancellationToken):
                return (true, await LostAsync(receiving));
            default:
                break;
        }

        return (false, null);
    }

    private void ToggleIds()
    {
        _output.ShowIds = !_output.ShowIds;
        _output.ShowHint(_output.ShowIds ? "Message ids are shown." : "Message ids are hidden.");
    }

    /// <summary>A send failed: without reconnect that ends the session; with it, the receive loop is made to end so the main loop reconnects.</summary>
    private async Task<int?> LostAsync(Task receiving)
    {
        await receiving.WaitAsync(CloseWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!CanReconnect)
        {
            return Closed();
        }

        // A half-open socket may never end the read on its own.
        await _connection.DisposeAsync();
        return null;
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
        await _connection.WaitForAnswerAsync(CloseWait, cancellationToken);
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

        _output.ShowError("parley: the server closed the connection.");
        return ExitCodes.ConnectionLost;
    }

    private async Task<bool> TrySendAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (_reconnect is { } interactive && request.Request is "msg" or "dm"
                && _pacer.Reserve(interactive.Time.GetUtcNow()) is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, interactive.Time, cancellationToken);
            }

            await _connection.SendAsync(request, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is gone; the receive loop reports it.
            return false;
        }
    }

    private async Task ReceiveAsync(ChatConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var received in connection.ReadAllAsync(cancellationToken))
            {
                _router.Deliver(received);
                var state = connection.State;
                if (received.Kind == ServerEventKind.Error && _output.CanReadSecrets && state.LastLoginName is { } name && !state.IsLoggedIn
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
        finally
        {
            _router.CompleteDiversion();
        }
    }
}

using System.Threading.Channels;
using Parley.Client;

namespace Parley.Cli;

/// <summary>The session loop's side of a reconnect: what it remembers, and what the user types while the connection is down.</summary>
internal sealed partial class ChatSessionLoop
{
    /// <summary>Not after our own logout, and not after a moderator removed us: coming straight back would defy the kick.</summary>
    private bool CanReconnect => _reconnect is not null && !State.IsLoggingOut
        && _router.LastInfo?.StartsWith("You were kicked", StringComparison.Ordinal) != true
        && _router.LastInfo?.StartsWith("You are banned", StringComparison.Ordinal) != true;

    /// <summary>Reconnects while still reading the input; the new connection's receive loop, or <see langword="null"/> when the user quit meanwhile.</summary>
    private async Task<Task?> ReconnectAsync(ChannelReader<string> input, CancellationToken cancellationToken)
    {
        var room = State.Room;
        var memory = new SessionRestore.Memory(
            State.IsLoggedIn ? State.Username : null,
            State.IsLoggedIn ? State.Password : null,
            room,
            _router.Seen.LastSeen(room),
            _router.Seen.LastSeen(ClientState.DefaultRoom));
        _output.ShowError($"parley: lost the connection to {_reconnect!.Endpoint}; reconnecting. What you type now is sent once it is back; /quit leaves.");
        await _connection.DisposeAsync();
        State.Reset();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reconnecting = new Reconnector(_reconnect, _output, _router).RunAsync(memory, c => ReceiveAsync(c, cancellationToken), stop.Token);
        while (true)
        {
            _next ??= input.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(_next, reconnecting) == reconnecting)
            {
                (_connection, var receiving) = await reconnecting;
                return receiving;
            }

            var quit = !await _next;
            _next = null;
            while (!quit && input.TryRead(out var line))
            {
                quit = HoldWhileDown(line);
            }

            if (quit)
            {
                // Nothing to log out of: leave at once.
                await stop.CancelAsync();
                try
                {
                    var (connection, _) = await reconnecting;
                    await connection.DisposeAsync();
                }
                catch (OperationCanceledException)
                {
                    // The usual end: the attempt was waiting or connecting.
                }

                return null;
            }
        }
    }

    /// <summary>A line typed while down: kept for later unless it is the client's own; true for <c>/quit</c>.</summary>
    private bool HoldWhileDown(string line)
    {
        // Plain text counts as a message: it is sent after the re-login, when it will be one.
        var command = CommandParser.Parse(line, loggedIn: true);
        switch (command.Action)
        {
            case CommandAction.Quit:
                return true;
            case CommandAction.Hint:
                _output.ShowHint(command.Hint!);
                break;
            case CommandAction.ToggleIds:
                ToggleIds();
                break;
            case CommandAction.Send:
                _pending.Add(line);
                _output.ShowHint($"Pending until reconnected: {SecretMask.Mask(line)}");
                break;
            default:
                break;
        }

        return false;
    }

    /// <summary>Sends the lines held while down, in order; stops (keeping the rest) if the connection fails again.</summary>
    private async Task<int?> SendPendingAsync(Task receiving, CancellationToken cancellationToken)
    {
        while (_pending.Count > 0 && !receiving.IsCompleted)
        {
            var line = _pending[0];
            _pending.RemoveAt(0);
            var (lost, exit) = await HandleLineAsync(line, receiving, cancellationToken);
            if (exit is not null)
            {
                return exit;
            }

            if (lost)
            {
                _pending.Insert(0, line);
                return null;
            }
        }

        return null;
    }
}

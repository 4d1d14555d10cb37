using System.Globalization;
using System.Net.Sockets;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Gets a lost session back: waits (<see cref="ReconnectPolicy"/>: 1 s doubling to 30 s, ±20 % jitter), opens a
/// new connection, and hands it to <see cref="SessionRestore"/> for the login, the room and the missed messages.
/// Tries until it has a connection that is restored or refused for good; stops only when cancelled (the user quit).
/// </summary>
internal sealed class Reconnector(ReconnectOptions options, IInteractionService output, EventRouter router)
{
    public async Task<(ChatConnection Connection, Task Receiving)> RunAsync(
        SessionRestore.Memory memory, Func<ChatConnection, Task> receive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var reason = "connection lost";
        var nameTaken = 0;
        for (var attempt = 0; ; attempt++)
        {
            var delay = options.Policy.Delay(attempt, options.Random);
            output.ShowConnectionState(ConnectionState.Reconnecting, $"{reason}; retrying in {Seconds(delay)} s");
            await Task.Delay(delay, options.Time, cancellationToken);
            ChatConnection connection;
            try
            {
                connection = await options.ConnectAsync(cancellationToken);
            }
            catch (SocketException ex)
            {
                reason = $"cannot connect to {options.Endpoint} ({ex.SocketErrorCode})";
                continue;
            }

            output.ShowConnectionState(ConnectionState.Connected, options.Endpoint);
            var events = router.Divert();
            var receiving = receive(connection);
            var outcome = SessionRestore.Outcome.Lost;
            try
            {
                outcome = await new SessionRestore(connection, events, output, router, options).RunAsync(memory, cancellationToken);
            }
            finally
            {
                if (outcome != SessionRestore.Outcome.Restored)
                {
                    // Cancelled or failed: this connection goes; what it still delivers is not wanted.
                    router.Resume(_ => { });
                    await connection.DisposeAsync();
                    await receiving;
                }
            }

            if (outcome == SessionRestore.Outcome.Restored)
            {
                return (connection, receiving);
            }

            if (outcome != SessionRestore.Outcome.NameTaken)
            {
                reason = "connection lost again";
                continue;
            }

            reason = $"the name {memory.Username} is still taken";
            if (++nameTaken >= options.NameTakenRetries)
            {
                // The server keeps saying the name is someone else's: leave it to the user, on a live connection.
                output.ShowError($"parley: the name {memory.Username} stays taken; not retrying the login. Type 'login <name>' or /quit.");
                memory = memory with { Username = null };
            }
        }
    }

    private static string Seconds(TimeSpan delay) => Math.Round(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}

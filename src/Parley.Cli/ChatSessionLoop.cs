using System.Net.Sockets;
using System.Threading.Channels;
using Parley.Client;
using Parley.Protocol;

namespace Parley.Cli;

/// <summary>
/// The session both modes share: typed lines in, events out, and the rules for leaving. At the end of the
/// input (or <c>/quit</c>) the client waits for the last answer, logs out when logged in and gives the
/// server at most <see cref="CloseWait"/> to close. The server closing first is a lost connection (exit 3),
/// unless we had logged out.
/// </summary>
internal sealed class ChatSessionLoop(ChatConnection connection, IInteractionService output)
{
    public static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private ClientState State => connection.State;

    public async Task<int> RunAsync(ChannelReader<string> input, CancellationToken cancellationToken)
    {
        var receiving = ReceiveAsync(cancellationToken);
        while (true)
        {
            var next = input.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(next, receiving) == receiving && !next.IsCompleted)
            {
                return Closed();
            }

            if (!await next)
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
                    case CommandAction.Send when !await TrySendAsync(command.Request!, cancellationToken):
                        await receiving.WaitAsync(CloseWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        return Closed();
                    default:
                        break;
                }
            }
        }
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
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}

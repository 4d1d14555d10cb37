using System.Threading.Channels;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Where the receive loop's events go: to the screen, or, while a reconnect restores the session, to the
/// restoring code first (it shows the missed messages once, in order, and drops what was already on screen).
/// Every event passes <see cref="Seen"/> on the way, so the newest id per room is always known.
/// </summary>
internal sealed class EventRouter(IInteractionService output)
{
    private readonly Lock _lock = new();
    private Channel<ServerEvent>? _diverted;

    public SeenIds Seen { get; } = new();

    /// <summary>The text of the last info received: tells a kick or ban (no reconnect) from a lost connection.</summary>
    public string? LastInfo { get; private set; }

    public void Deliver(ServerEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        Seen.Observe(received);
        lock (_lock)
        {
            if (received.Kind == ServerEventKind.Info)
            {
                LastInfo = received.Text;
            }

            if (_diverted is { } diverted)
            {
                diverted.Writer.TryWrite(received);
                return;
            }

            output.ShowEvent(received);
        }
    }

    /// <summary>From now on events queue up for the caller instead of being shown.</summary>
    public ChannelReader<ServerEvent> Divert()
    {
        lock (_lock)
        {
            _diverted = Channel.CreateUnbounded<ServerEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            return _diverted.Reader;
        }
    }

    /// <summary>The connection behind the diversion closed: its reader sees the end.</summary>
    public void CompleteDiversion()
    {
        lock (_lock)
        {
            _diverted?.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Ends the diversion. What is still queued goes to <paramref name="showQueued"/> first, under the same lock, so
    /// nothing newer reaches the screen before it.
    /// </summary>
    public void Resume(Action<ServerEvent> showQueued)
    {
        ArgumentNullException.ThrowIfNull(showQueued);
        lock (_lock)
        {
            if (_diverted is not { } diverted)
            {
                return;
            }

            diverted.Writer.TryComplete();
            while (diverted.Reader.TryRead(out var queued))
            {
                showQueued(queued);
            }

            _diverted = null;
        }
    }
}

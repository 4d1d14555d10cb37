using System.Threading.Channels;

namespace Parley.Client.Tests;

/// <summary>Drains a connection's events in the background so a test can wait for the one it needs, with a timeout.</summary>
public sealed class EventCollector
{
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();
    private readonly List<ServerEvent> _all = [];
    private readonly Task _pump;

    public EventCollector(ChatConnection connection)
    {
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var received in connection.ReadAllAsync(CancellationToken.None))
                {
                    lock (_all)
                    {
                        _all.Add(received);
                    }

                    _events.Writer.TryWrite(received);
                }
            }
            finally
            {
                _events.Writer.TryComplete();
            }
        });
    }

    public IReadOnlyList<ServerEvent> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public async Task<ServerEvent> WaitForAsync(Func<ServerEvent, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Wait);
        while (true)
        {
            var received = await _events.Reader.ReadAsync(timeout.Token);
            if (predicate(received))
            {
                return received;
            }
        }
    }

    /// <summary>Waits until the server has closed the connection.</summary>
    public Task WaitForCloseAsync() => _pump.WaitAsync(Timeouts.Wait);
}

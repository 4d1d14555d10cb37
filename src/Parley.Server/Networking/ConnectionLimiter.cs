using Microsoft.Extensions.Options;

namespace Parley.Server.Networking;

/// <summary>
/// Counts open connections, in all and per remote address, and refuses those over
/// <see cref="ChatServerOptions.MaxConnections"/> or <see cref="ChatServerOptions.MaxConnectionsPerAddress"/>.
/// Loopback is not exempt: a local proxy or test harness raises the limit instead.
/// </summary>
public sealed class ConnectionLimiter(IOptions<ChatServerOptions> options)
{
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);

    // Connects are rare next to messages, so one lock is cheaper to reason about than a lock-free table.
    private readonly Lock _gate = new();
    private readonly int _maxTotal = options.Value.MaxConnections;
    private readonly int _maxPerAddress = options.Value.MaxConnectionsPerAddress;
    private int _total;

    /// <summary>Open connections counted now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>
    /// Takes a slot for a connection from <paramref name="address"/> (null: no address, only the total
    /// counts). Returns null when admitted, else why not; every admitted connection must be
    /// <see cref="Release"/>d.
    /// </summary>
    public string? TryAcquire(string? address)
    {
        lock (_gate)
        {
            if (_total >= _maxTotal)
            {
                return $"The server is full ({_maxTotal} connections). Try again later.";
            }

            if (address is not null)
            {
                var open = _perAddress.GetValueOrDefault(address);
                if (open >= _maxPerAddress)
                {
                    return $"Too many connections from your address ({_maxPerAddress} open). Close one and try again.";
                }

                _perAddress[address] = open + 1;
            }

            _total++;
            return null;
        }
    }

    public void Release(string? address)
    {
        lock (_gate)
        {
            _total--;

            // Entries go at zero, so addresses seen once do not grow the table forever.
            if (address is not null && _perAddress.TryGetValue(address, out var open))
            {
                if (open <= 1)
                {
                    _perAddress.Remove(address);
                }
                else
                {
                    _perAddress[address] = open - 1;
                }
            }
        }
    }
}

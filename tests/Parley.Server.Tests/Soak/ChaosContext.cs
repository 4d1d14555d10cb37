using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Soak;

/// <summary>The well-behaved side of the soak, as the chaos clients know it: names to impersonate, rooms to disturb.</summary>
internal sealed record SoakCast(IReadOnlyList<string> Names, IReadOnlyList<string> RegisteredNames, IReadOnlyList<string> Rooms)
{
    /// <summary>Rooms only chaos clients use; few, because a room, once created, lives as long as the server.</summary>
    public static IReadOnlyList<string> ChaosRooms { get; } = ["c0", "c1", "c2", "c3"];
}

/// <summary>
/// One chaos client: its number, its own Random (from the seed and the number), and an address of its own, so
/// that the per-address limits (connections, failed logins) see every client apart, as on the internet.
/// </summary>
internal sealed class ChaosContext(SocketServer server, int index, Random random, ChaosLedger ledger, SoakCast cast)
{
    // Linux routes all of 127/8 to loopback: 127.0.x.y for the clients, 127.1.x.y for their connection storms.
    private const int AddressesPerBlock = 250;

    public SocketServer Server => server;

    public int Index => index;

    public Random Random => random;

    public ChaosLedger Ledger => ledger;

    public SoakCast Cast => cast;

    public string Name { get; } = $"chaos{index}";

    public IPAddress Address => AddressOf(0);

    /// <summary>An address no other client uses, for a storm of connections from one place.</summary>
    public IPAddress StormAddress => AddressOf(1);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public Task<ChaosConnection> ConnectAsync(int? receiveBufferSize = null) => ChaosConnection.OpenAsync(this, receiveBufferSize);

    private IPAddress AddressOf(int block)
        => new([127, (byte)block, (byte)(1 + (index / AddressesPerBlock)), (byte)(1 + (index % AddressesPerBlock))]);
}

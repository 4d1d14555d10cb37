using System.Net;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class ConnectionLimitInMemoryTests
{
    private static readonly IPAddress s_address = IPAddress.Parse("192.0.2.7");

    [Fact]
    public async Task A_slot_freed_by_a_closed_connection_is_available_again()
    {
        await using var server = new InMemoryServer(("MaxConnectionsPerAddress", "2"));
        var first = server.Connect(s_address);
        var second = server.Connect(s_address);
        await first.LoginAsync("first");
        await second.LoginAsync("second");

        var refused = server.Connect(s_address);
        var reply = Assert.Single(await refused.ReadUntilClosedAsync());
        Payloads.Error(reply, ErrorCodes.TooManyConnections);

        // Connections without an address (pipes) count only towards the total.
        await server.LoginAsync("pipe");

        // The handler releases the slot before it returns, so once first is gone a newcomer fits.
        await first.DisconnectAsync();
        var third = server.Connect(s_address);
        await third.LoginAsync("third");
        Assert.Equal(1, server.Chat.Counters.RefusedConnections);
    }

    [Fact]
    public async Task IPv4_mapped_IPv6_counts_as_the_same_address()
    {
        await using var server = new InMemoryServer(("MaxConnectionsPerAddress", "1"));
        var plain = server.Connect(s_address);
        await plain.LoginAsync("plain");

        var mapped = server.Connect(s_address.MapToIPv6());
        Assert.Contains("(1 open)", Payloads.Error(Assert.Single(await mapped.ReadUntilClosedAsync()), ErrorCodes.TooManyConnections));
    }
}

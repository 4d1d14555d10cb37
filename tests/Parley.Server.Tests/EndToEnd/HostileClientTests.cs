using System.Text;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class HostileClientTests
{
    [Fact]
    public async Task Garbage_bytes_get_bad_json_and_the_connection_stays_usable()
    {
        await using var server = await SocketServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendRawAsync(new byte[] { 0xFF, 0xFE, 0x00, 0x80, (byte)'x', (byte)'\n' });

        Payloads.Error(await client.ReadPayloadAsync(), ErrorCodes.BadJson);
        await client.LoginAsync("alice");
    }

    [Fact]
    public async Task A_one_MiB_payload_gets_too_large_and_is_closed_while_others_are_unaffected()
    {
        await using var server = await SocketServer.StartAsync();
        await using var alice = await server.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");
        await using var attacker = await server.ConnectAsync();

        // The server stops reading at the frame limit, so the rest of the send may fail: that is fine.
        var payload = Encoding.ASCII.GetBytes($"{{\"request\": \"msg\", \"content\": \"{new string('x', 1024 * 1024)}\"}}");
        var send = Task.Run(async () =>
        {
            try
            {
                await attacker.SendRawAsync(payload);
            }
            catch (IOException)
            {
                // Reset by the server after it closed the connection.
            }
        });

        Payloads.Error(await attacker.ReadPayloadAsync(), ErrorCodes.TooLarge);
        await attacker.ReadUntilClosedAsync();
        await send.WaitAsync(TestTimeouts.Payload);

        Payloads.Message(await alice.RequestAsync("msg", "still fine"), "alice", "still fine");
        Payloads.Message(await bob.ReadPayloadAsync(), "alice", "still fine");
    }

    [Fact]
    public async Task The_too_large_error_survives_a_client_that_reads_only_after_sending_everything()
    {
        // The server closes with most of the payload unread, so the connection is reset; the error sent
        // before that must still be there for a client that reads only once its send is done (as on Linux).
        await using var server = await SocketServer.StartAsync();
        await using var attacker = await server.ConnectAsync();
        var payload = Encoding.ASCII.GetBytes($"{{\"request\": \"msg\", \"content\": \"{new string('x', 4 * 1024 * 1024)}\"}}");

        try
        {
            await attacker.SendRawAsync(payload);
        }
        catch (IOException)
        {
            // The server may close (and reset) before the last of the 4 MiB left: the send then fails with a
            // broken pipe, but what the server sent first is still in the receive queue.
        }

        Payloads.Error(await attacker.ReadPayloadAsync(), ErrorCodes.TooLarge);
        await attacker.ReadUntilClosedAsync();
    }

    [Fact]
    public async Task Half_open_connections_do_not_disturb_the_others()
    {
        await using var server = await SocketServer.StartAsync();
        await using var silent = await server.ConnectAsync();
        await using var halfSent = await server.ConnectAsync();
        await halfSent.SendRawAsync("{\"request\": \"login\", \"cont");
        await using var halfLoggedIn = await server.LoginAsync("carol");
        await halfLoggedIn.SendRawAsync("{\"request\": \"msg\", \"content\": \"never fini");

        await using var alice = await server.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");
        for (var i = 0; i < 20; i++)
        {
            Payloads.Message(await alice.RequestAsync("msg", $"m{i}"), "alice", $"m{i}");
            Payloads.Message(await bob.ReadPayloadAsync(), "alice", $"m{i}");
        }

        Assert.EndsWith("(3): alice, bob, carol", Payloads.Info(await bob.RequestAsync("names")));

        // The half-sent request completes later and is answered normally.
        await halfSent.SendRawAsync("ent\": \"dave\"}");
        Assert.Equal("Login successful", Payloads.Info(await halfSent.ReadPayloadAsync()));
    }

    [Fact]
    public async Task Clients_that_vanish_with_a_reset_mid_session_are_logged_out_and_the_others_go_on()
    {
        await using var server = await SocketServer.StartAsync();
        await using var alice = await server.LoginAsync("alice");
        var victims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => server.LoginAsync($"gone{i}")));

        // Some vanish with payloads still in flight to them, some in the middle of sending a request.
        await alice.RequestAsync("msg", "before");
        for (var i = 0; i < victims.Length; i++)
        {
            if (i % 2 == 0)
            {
                await victims[i].SendRawAsync("{\"request\": \"msg\", \"con");
            }

            victims[i].Abort();
        }

        // Every name is freed: the names list eventually shows alice alone.
        var names = string.Empty;
        for (var attempt = 0; attempt < 1000 && !names.EndsWith("(1): alice", StringComparison.Ordinal); attempt++)
        {
            names = Payloads.Info(await alice.RequestAsync("names"));
        }

        Assert.EndsWith("(1): alice", names);
        await using var again = await server.LoginAsync("gone0");
        Payloads.Message(await alice.RequestAsync("msg", "after"), "alice", "after");
        Payloads.Message(await again.ReadPayloadAsync(), "alice", "after");
    }
}

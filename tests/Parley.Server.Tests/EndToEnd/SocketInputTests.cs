using System.Text;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// The plain TCP listener's input, which rents a buffer only while it holds data: requests split anywhere,
/// frames bigger than one receive (the buffer grows), leftovers moved to the front, and the buffer's return
/// and re-rent between requests.
/// </summary>
[Collection("EndToEnd")]
public class SocketInputTests
{
    [Fact]
    public async Task A_request_sent_one_byte_at_a_time_is_read_whole()
    {
        await using var server = await SocketServer.StartAsync();
        await using var client = await server.ConnectAsync();

        foreach (var b in PayloadWriter.ToLine(new ChatRequest("login", "alice")))
        {
            await client.SendRawAsync(new[] { b });
        }

        Payloads.Info(await client.ReadPayloadAsync());
    }

    [Fact]
    public async Task A_message_far_bigger_than_one_receive_arrives_intact_in_pieces()
    {
        await using var server = await SocketServer.StartAsync("--max-message-length", "50000", "--max-frame-bytes", "65536");
        await using var alice = await server.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");
        var text = string.Concat(Enumerable.Range(0, 10000).Select(i => i.ToString("d5", System.Globalization.CultureInfo.InvariantCulture)))[..48000];
        var bytes = PayloadWriter.ToLine(new ChatRequest("msg", text));

        // Uneven pieces, so frame ends and buffer ends never line up.
        for (var offset = 0; offset < bytes.Length;)
        {
            var length = Math.Min(bytes.Length - offset, 1000 + (offset % 3001));
            await alice.SendRawAsync(bytes.AsMemory(offset, length));
            offset += length;
        }

        Payloads.Message(await alice.ReadPayloadAsync(), "alice", text);
        Payloads.Message(await bob.ReadPayloadAsync(), "alice", text);
    }

    [Fact]
    public async Task Many_requests_in_one_write_with_a_half_request_behind_them_are_all_answered_once_the_rest_comes()
    {
        await using var server = await SocketServer.StartAsync();
        await using var alice = await server.LoginAsync("alice");
        var batch = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            batch.Append(Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest("msg", $"m{i}"))));
        }

        var tail = Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest("msg", "last")));
        await alice.SendRawAsync(batch + tail[..10]);
        for (var i = 0; i < 200; i++)
        {
            Payloads.Message(await alice.ReadPayloadAsync(), "alice", $"m{i}");
        }

        await alice.SendRawAsync(tail[10..]);
        Payloads.Message(await alice.ReadPayloadAsync(), "alice", "last");
    }
}

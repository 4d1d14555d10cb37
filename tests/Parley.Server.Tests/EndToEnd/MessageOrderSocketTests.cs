using System.Text;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// Over real sockets, where deliveries are written straight to the socket by the room: a burst of messages
/// and a request behind it come back in the order sent.
/// </summary>
[Collection("EndToEnd")]
public class MessageOrderSocketTests
{
    [Fact]
    public async Task The_answer_to_a_request_sent_behind_a_burst_of_messages_comes_after_their_echoes()
    {
        await using var server = await SocketServer.StartAsync();
        await using var alice = await server.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");

        var burst = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            burst.Append(Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest("msg", $"m{i}"))));
        }

        burst.Append("{\"request\": \"names\", \"content\": null}\n");
        await alice.SendRawAsync(burst.ToString());

        for (var i = 0; i < 200; i++)
        {
            Payloads.Message(await alice.ReadPayloadAsync(), "alice", $"m{i}");
            Payloads.Message(await bob.ReadPayloadAsync(), "alice", $"m{i}");
        }

        Assert.Equal("Users in #lobby (2): alice, bob", Payloads.Info(await alice.ReadPayloadAsync()));
        await alice.AssertNothingPendingAsync();
        await bob.AssertNothingPendingAsync();
    }
}

using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class HalfCloseTests
{
    private const int Clients = 20;

    [Fact]
    public async Task Requests_sent_just_before_the_client_closes_its_side_are_all_handled_and_answered()
    {
        // A script that writes its requests and closes stdin (nc -N, or a client that sends and closes at once)
        // sends a FIN right behind them. Kestrel signals ConnectionClosed on that FIN; the requests that came
        // with it must still be handled, in order, and answered on the side that is still open.
        await using var server = await SocketServer.StartAsync();
        await using var listener = await server.LoginAsync("listener");
        for (var i = 0; i < Clients; i++)
        {
            await using var client = await server.ConnectAsync();
            byte[] requests = [.. PayloadWriter.ToLine(new ChatRequest("login", $"script{i}")), .. PayloadWriter.ToLine(new ChatRequest("msg", $"bye {i}"))];
            await client.SendRawAsync(requests);
            client.ShutdownSend();

            var answers = await client.ReadUntilClosedAsync();
            Assert.True(answers.Count == 3, $"Client {i} got {answers.Count} answers instead of the login info, the history and its message: {string.Join("\n", answers)}");
            Assert.Equal("Login successful", Payloads.Info(answers[0]));
            Payloads.Message(answers[2], $"script{i}", $"bye {i}");
            Payloads.Message(await listener.ReadPayloadAsync(), $"script{i}", $"bye {i}");
        }
    }
}

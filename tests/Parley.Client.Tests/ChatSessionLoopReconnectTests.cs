using System.Threading.Channels;
using Parley.Cli;
using Parley.Client.Tests.Peers;

namespace Parley.Client.Tests;

/// <summary>
/// The session loop against a loopback peer that drops every connection and accepts again: the loop reconnects,
/// restores the session, shows what was missed once, and sends what was typed meanwhile. The backoff's base
/// delay is a few milliseconds, so nothing waits for seconds; every wait is for an event, with a timeout.
/// </summary>
public class ChatSessionLoopReconnectTests
{
    private const string Password = "s3cret-pass";

    private static readonly ReconnectPolicy s_fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) };

    private sealed record Session(PeerServer Server, ChatConnection First, FakeInteraction Ui, Channel<string> Input, Task<int> Loop) : IAsyncDisposable
    {
        public IEnumerable<string> SentSince(int index) => Server.Requests.Skip(index).Select(r => (r.Request + " " + r.Content).Trim());

        public async ValueTask DisposeAsync()
        {
            Input.Writer.TryComplete();
            await ((Task)Loop).WaitAsync(Timeouts.Wait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await First.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private static async Task<Session> StartAsync(RoomPeer peer)
    {
        var server = new PeerServer(peer.Habit);
        var state = new ClientState();
        Task<ChatConnection> ConnectAsync(CancellationToken cancellationToken) => ChatConnection.ConnectAsync("127.0.0.1", server.Port, null, state, cancellationToken);
        var first = await ConnectAsync(CancellationToken.None);
        var ui = new FakeInteraction(canReadSecrets: true);
        var input = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var options = new ReconnectOptions("127.0.0.1:" + server.Port, ConnectAsync) { Policy = s_fast, Random = new Random(42) };
        var loop = new ChatSessionLoop(first, ui, options).RunAsync(input.Reader, CancellationToken.None);
        return new Session(server, first, ui, input, loop);
    }

    private static int Count(IEnumerable<string> shown, string text) => shown.Count(l => l.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task After_a_drop_it_logs_in_again_rejoins_shows_the_missed_messages_once_and_sends_what_was_typed()
    {
        var peer = new RoomPeer();
        await using var session = await StartAsync(peer);
        session.Input.Writer.TryWrite("login alice " + Password);
        await session.Ui.WaitForEventAsync(e => e.Text == "Login successful");
        session.Input.Writer.TryWrite("/join dev");
        await session.Ui.WaitForEventAsync(e => e.Kind == ServerEventKind.History && e.Room == "dev");
        session.Input.Writer.TryWrite("before the drop");
        await session.Ui.WaitForEventAsync(e => e.Text == "before the drop");

        // Five messages while alice is away: more than the three the join history carries, so she pages back.
        for (var i = 1; i <= 5; i++)
        {
            peer.Add("dev", "bob", $"missed {i}");
        }

        peer.LoginGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sentBefore = session.Server.Requests.Count;
        session.Server.DropAll();
        await session.Ui.WaitForLineAsync(l => l.StartsWith("[Reconnecting] connection lost; retrying in", StringComparison.Ordinal));
        session.Input.Writer.TryWrite("typed while down");
        await session.Ui.WaitForLineAsync(l => l.Contains("typed while down", StringComparison.Ordinal));
        peer.LoginGate.SetResult();
        await session.Ui.WaitForEventAsync(e => e.Kind == ServerEventKind.Message && e.Text == "typed while down");

        Assert.Equal(["login alice " + Password, "join dev", "history 100 before 4", "msg typed while down"], session.SentSince(sentBefore));
        var shown = session.Ui.Shown;
        Assert.Contains(MissedMessages.Note(5), shown);
        var missed = Enumerable.Range(1, 5).Select(i => shown.ToList().FindIndex(l => l.Contains($"missed {i}", StringComparison.Ordinal))).ToList();
        Assert.All(missed, index => Assert.True(index > shown.ToList().IndexOf(MissedMessages.Note(5))));
        Assert.Equal(missed.Order(), missed);
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(1, Count(shown, $"missed {i}")));
        Assert.Equal(1, Count(shown, "before the drop"));
        Assert.Equal(2, shown.Count(l => l.StartsWith("[Connected] 127.0.0.1:", StringComparison.Ordinal)));
        Assert.DoesNotContain(shown, l => l.Contains(Password, StringComparison.Ordinal));
        Assert.Equal("dev", session.First.State.Room);
        Assert.True(session.First.State.IsLoggedIn);

        session.Input.Writer.TryWrite("/quit");
        Assert.Equal(0, await session.Loop.WaitAsync(Timeouts.Wait));
        Assert.Equal("logout", session.SentSince(sentBefore).Last());
        Assert.Equal("[Disconnected] ", session.Ui.Shown[^1]);
    }

    [Fact]
    public async Task Quit_while_the_server_is_gone_leaves_at_once()
    {
        await using var session = await StartAsync(new RoomPeer());
        session.Input.Writer.TryWrite("login carol");
        await session.Ui.WaitForEventAsync(e => e.Text == "Login successful");

        // Nothing listens any more: every attempt fails and the loop keeps waiting longer.
        await session.Server.DisposeAsync();
        await session.Ui.WaitForLineAsync(l => l.StartsWith("[Reconnecting] cannot connect", StringComparison.Ordinal));
        session.Input.Writer.TryWrite("/quit");

        Assert.Equal(0, await session.Loop.WaitAsync(Timeouts.Wait));
        Assert.Equal("[Disconnected] ", session.Ui.Shown[^1]);
    }
}

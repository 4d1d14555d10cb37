using System.Text.Json;
using Parley.Client.Tests.Peers;
using Parley.Protocol;

namespace Parley.Client.Tests;

/// <summary>The client library against peer servers with the habits PROTOCOL.md records, over real loopback sockets.</summary>
public class ChatConnectionPeerTests
{
    private static async Task<(PeerServer Server, ChatConnection Connection, EventCollector Events)> StartAsync(Func<PeerSession, PeerRequest, Task> habit)
    {
        var server = new PeerServer(habit);
        var connection = await ChatConnection.ConnectAsync("127.0.0.1", server.Port, CancellationToken.None);
        return (server, connection, new EventCollector(connection));
    }

    private static IEnumerable<string> OldMessages(IEnumerable<ServerEvent> events)
        => events.SelectMany(e => e.Kind == ServerEventKind.History ? e.History : [e]).Select(e => e.Text ?? "").Where(t => t.Contains("old", StringComparison.Ordinal));

    [Fact]
    public async Task No_delimiter_two_objects_in_one_write_numeric_timestamps_and_encoded_history()
    {
        var (server, connection, events) = await StartAsync(PeerHabits.NoDelimiter);
        await using (server)
        await using (connection)
        {
            await connection.SendAsync(new ChatRequest("login", "alice"), CancellationToken.None);
            var info = await events.WaitForAsync(e => e.Kind == ServerEventKind.Info);
            var history = await events.WaitForAsync(e => e.Kind == ServerEventKind.History);

            Assert.Equal("Login successful", info.Text);
            Assert.True(info.IsFromServer);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764075725250), info.Timestamp.Instant);
            Assert.Equal(["bob: old one", "carol: old two"], history.History.Select(m => $"{m.Sender}: {m.Text}"));
            Assert.True(connection.State.IsLoggedIn);
            Assert.Equal("alice", connection.State.Username);

            await connection.SendAsync(new ChatRequest("msg", "hello"), CancellationToken.None);
            var message = await events.WaitForAsync(e => e.Kind == ServerEventKind.Message);
            Assert.Equal(("alice", "hello"), (message.Sender, message.Text));

            await connection.SendAsync(new ChatRequest("logout", null), CancellationToken.None);
            await events.WaitForCloseAsync();
            Assert.Equal("Bye", events.All[^1].Text);
            Assert.Null(connection.ReceiveError);
        }
    }

    [Fact]
    public async Task Pretty_printed_split_capitalised_with_names_as_a_list()
    {
        var (server, connection, events) = await StartAsync(PeerHabits.PrettyPrinted);
        await using (server)
        await using (connection)
        {
            await connection.SendAsync(new ChatRequest("login", "alice"), CancellationToken.None);
            var history = await events.WaitForAsync(e => e.Kind == ServerEventKind.History);
            Assert.Equal(["old one", "old two"], history.History.Select(m => m.Text));
            Assert.True(history.History[0].Timestamp.IsMissing);
            Assert.Equal(new DateTime(2026, 11, 25, 13, 2, 51), history.History[1].Timestamp.WallClock);

            await connection.SendAsync(new ChatRequest("names", null), CancellationToken.None);
            var names = await events.WaitForAsync(e => e.ResponseName == "names");
            Assert.Equal(["alice", "bob"], names.Items);

            await connection.SendAsync(new ChatRequest("msg", "split me"), CancellationToken.None);
            var message = await events.WaitForAsync(e => e.Kind == ServerEventKind.Message);
            Assert.Equal("split me", message.Text);

            await connection.SendAsync(new ChatRequest("logout", null), CancellationToken.None);
            await events.WaitForCloseAsync();
            Assert.DoesNotContain(events.All, e => e.Kind == ServerEventKind.Raw);
            Assert.All(events.All.Where(e => e.Kind != ServerEventKind.Message), e => Assert.True(e.IsFromServer));
        }
    }

    [Fact]
    public async Task History_before_the_login_info_one_payload_per_message_and_name_for_sender()
    {
        var (server, connection, events) = await StartAsync(PeerHabits.HistoryFirst);
        await using (server)
        await using (connection)
        {
            await connection.SendAsync(new ChatRequest("login", "alice"), CancellationToken.None);
            await events.WaitForAsync(e => e.ResponseName == "login");
            Assert.True(connection.State.IsLoggedIn);

            await connection.SendAsync(new ChatRequest("msg", "hi"), CancellationToken.None);
            var message = await events.WaitForAsync(e => e.Kind == ServerEventKind.Message);
            Assert.Equal(("alice", "hi"), (message.Sender, message.Text));

            await connection.SendAsync(new ChatRequest("names", null), CancellationToken.None);
            var names = await events.WaitForAsync(e => e.Items is not null);
            Assert.Equal(["alice", "bob"], names.Items);

            await connection.SendAsync(new ChatRequest("logout", null), CancellationToken.None);
            await events.WaitForCloseAsync();
            Assert.Equal(["bob: old one", "carol: old two"], OldMessages(events.All));
            Assert.Equal(2, events.All.Count(e => e.Kind == ServerEventKind.History));
        }
    }

    [Fact]
    public async Task No_history_at_all_old_messages_replayed_as_messages()
    {
        var (server, connection, events) = await StartAsync(PeerHabits.NoHistory);
        await using (server)
        await using (connection)
        {
            await connection.SendAsync(new ChatRequest("login", "alice"), CancellationToken.None);
            var info = await events.WaitForAsync(e => e.Kind == ServerEventKind.Info);
            Assert.True(info.IsFromServer);
            await events.WaitForAsync(e => e.Text == "old two");

            await connection.SendAsync(new ChatRequest("logout", null), CancellationToken.None);
            await events.WaitForCloseAsync();
            Assert.DoesNotContain(events.All, e => e.Kind == ServerEventKind.History);
            Assert.Equal(["old one", "old two"], OldMessages(events.All));
        }
    }

    [Fact]
    public async Task Requests_are_compact_one_object_per_write_with_null_content()
    {
        var (server, connection, _) = await StartAsync(PeerHabits.Silent);
        await using (server)
        await using (connection)
        {
            // The silent peer never answers, so only the pacing keeps these apart.
            await connection.SendAsync(new ChatRequest("help", null), CancellationToken.None);
            await connection.SendAsync(new ChatRequest("login", "alice"), CancellationToken.None);
            await connection.SendAsync(new ChatRequest("names", null), CancellationToken.None);
            await connection.SendAsync(new ChatRequest("msg", "h\u00e9 \"quoted\""), CancellationToken.None);

            await server.WaitForRequestsAsync(4);

            Assert.Equal(
                [
                    "{\"request\":\"help\",\"content\":null}",
                    "{\"request\":\"login\",\"content\":\"alice\"}",
                    "{\"request\":\"names\",\"content\":null}",
                    "{\"request\":\"msg\",\"content\":\"h\\u00e9 \\\"quoted\\\"\"}",
                ],
                server.Requests.Select(r => r.Line));

            // Write boundaries are not visible to a reader: a loaded machine may find two paced writes in one
            // recv(). What must hold is that no request is ever split across reads.
            Assert.All(server.Chunks, chunk => Assert.EndsWith("\n", chunk, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Discovery_is_read_and_nothing_unadvertised_or_unasked_is_sent()
    {
        var (server, connection, events) = await StartAsync(PeerHabits.Advertising);
        await using (server)
        await using (connection)
        {
            await connection.SendAsync(new ChatRequest("login", "alice"), CancellationToken.None);
            await events.WaitForAsync(e => e.Kind == ServerEventKind.History);

            Assert.Equal("parley/0.1.0", connection.State.ServerName);
            Assert.Equal(["history", "rooms"], connection.State.Extensions);
            Assert.True(connection.State.Supports("history"));

            await connection.SendAsync(new ChatRequest("logout", null), CancellationToken.None);
            await events.WaitForCloseAsync();
            Assert.Equal(["login", "logout"], server.Requests.Select(r => r.Request));
            Assert.All(server.Requests, r => Assert.Equal(["request", "content"], JsonDocument.Parse(r.Line).RootElement.EnumerateObject().Select(p => p.Name)));
        }
    }

    [Fact]
    public async Task A_dropped_connection_ends_the_events()
    {
        var (server, connection, events) = await StartAsync(PeerHabits.DropsAfterLogin);
        await using (server)
        await using (connection)
        {
            await connection.SendAsync(new ChatRequest("login", "alice"), CancellationToken.None);
            await events.WaitForCloseAsync();

            Assert.Equal("Login successful", Assert.Single(events.All).Text);
            Assert.False(connection.State.IsLoggingOut);
        }
    }
}

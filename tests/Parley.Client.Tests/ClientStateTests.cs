using Parley.Protocol;

namespace Parley.Client.Tests;

public class ClientStateTests
{
    private static ServerEvent Event(string json) => ResponseReader.Read(json, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_non_error_answer_to_login_logs_in()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice"));
        Assert.True(state.IsLoginPending);

        state.OnReceived(Event("""{"response":"info","content":"Login successful","server":"parley/0.1.0","extensions":["history"]}"""));

        Assert.True(state.IsLoggedIn);
        Assert.False(state.IsLoginPending);
        Assert.Equal("alice", state.Username);
        Assert.Equal("parley/0.1.0", state.ServerName);
        Assert.True(state.Supports("history"));
    }

    [Fact]
    public void An_error_answer_to_login_does_not()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice"));

        state.OnReceived(Event("""{"response":"error","content":"Name taken"}"""));

        Assert.False(state.IsLoggedIn);
        Assert.False(state.IsLoginPending);
        Assert.Null(state.Username);
    }

    [Fact]
    public void A_history_before_the_info_counts_as_success_and_messages_do_not_answer()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice"));

        state.OnReceived(Event("""{"response":"message","sender":"bob","content":"hi"}"""));
        Assert.True(state.IsLoginPending);

        state.OnReceived(Event("""[]"""));
        Assert.True(state.IsLoggedIn);
    }

    [Fact]
    public void Peer_servers_advertise_nothing_so_only_the_base_requests_are_supported()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice"));
        state.OnReceived(Event("""{"response":"Info","content":"Login successful"}"""));

        Assert.Empty(state.Extensions);
        Assert.False(state.Supports("history"));
        Assert.True(state.Supports("names"));
    }

    [Fact]
    public void Logout_marks_the_close_as_expected()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice"));
        state.OnReceived(Event("""{"response":"info","content":"ok"}"""));

        state.OnSent(new ChatRequest("logout", null));

        Assert.True(state.IsLoggingOut);
        Assert.False(state.IsLoggedIn);
    }
}

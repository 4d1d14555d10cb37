using Parley.Protocol;

namespace Parley.Client.Tests;

/// <summary>The room, the login name and the kept password, as <see cref="ClientState"/> follows them.</summary>
public class ClientStateRoomTests
{
    private static ServerEvent Event(string json) => ResponseReader.Read(json, DateTimeOffset.UnixEpoch);

    private static ClientState LoggedIn(string login = "alice")
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", login));
        state.OnReceived(Event("""{"response":"info","content":"Login successful","extensions":["history","join","leave"]}"""));
        return state;
    }

    [Fact]
    public void Login_puts_us_in_the_lobby()
    {
        var state = new ClientState();
        Assert.Null(state.Room);

        state = LoggedIn();

        Assert.Equal(ClientState.DefaultRoom, state.Room);
        Assert.True(state.HasRooms);
    }

    [Fact]
    public void A_peer_server_that_knows_no_rooms_is_not_shown_with_one()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice"));
        state.OnReceived(Event("""{"response":"info","content":"Login successful"}"""));

        Assert.False(state.HasRooms);
    }

    [Fact]
    public void A_join_is_confirmed_by_the_answer_about_that_room_with_the_servers_spelling()
    {
        var state = LoggedIn();
        state.OnSent(new ChatRequest("join", "DEV"));
        Assert.Equal("lobby", state.Room);

        // Someone else's news from the old room arrives before our answer: it confirms nothing.
        state.OnReceived(Event("""{"response":"info","content":"carol joined #lobby","room":"lobby"}"""));
        state.OnReceived(Event("""{"response":"message","sender":"carol","content":"hi","room":"lobby"}"""));
        Assert.Equal("lobby", state.Room);

        state.OnReceived(Event("""{"response":"info","content":"You joined #Dev","room":"Dev"}"""));
        Assert.Equal("Dev", state.Room);
    }

    [Fact]
    public void A_refused_join_leaves_the_room_as_it_was()
    {
        var state = LoggedIn();
        state.OnSent(new ChatRequest("join", "no way"));

        state.OnReceived(Event("""{"response":"error","content":"Bad room name","code":"invalid_argument"}"""));
        state.OnReceived(Event("""{"response":"info","content":"Users in chat (1): alice"}"""));

        Assert.Equal("lobby", state.Room);
    }

    [Fact]
    public void A_non_error_answer_without_a_room_confirms_the_join_too()
    {
        var state = LoggedIn();
        state.OnSent(new ChatRequest("join", "dev"));

        state.OnReceived(Event("""{"response":"info","content":"Joined."}"""));

        Assert.Equal("dev", state.Room);
    }

    [Fact]
    public void Leave_returns_to_the_lobby()
    {
        var state = LoggedIn();
        state.OnSent(new ChatRequest("join", "dev"));
        state.OnReceived(Event("""{"response":"info","content":"You joined #dev","room":"dev"}"""));

        state.OnSent(new ChatRequest("leave", null));
        state.OnReceived(Event("""{"response":"info","content":"You joined #lobby","room":"lobby"}"""));

        Assert.Equal("lobby", state.Room);
    }

    [Fact]
    public void A_join_we_did_not_ask_for_is_followed()
    {
        var state = LoggedIn();

        state.OnReceived(Event("""{"response":"info","content":"You joined #jail","room":"jail"}"""));

        Assert.Equal("jail", state.Room);
    }

    [Fact]
    public void Login_with_a_password_keeps_the_name_apart_and_the_password_in_memory()
    {
        var state = LoggedIn("alice  s3cret pass");

        Assert.Equal("alice", state.Username);
        Assert.Equal("alice", state.LastLoginName);
        Assert.Equal("s3cret pass", state.Password);
    }

    [Fact]
    public void A_refused_login_keeps_no_password()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice wrong"));

        state.OnReceived(Event("""{"response":"error","content":"Wrong password","code":"bad_password"}"""));

        Assert.Null(state.Password);
        Assert.Equal("alice", state.LastLoginName);
        Assert.False(state.IsLoggedIn);
    }

    [Fact]
    public void Register_and_password_changes_are_kept_once_the_server_agrees()
    {
        var state = LoggedIn();
        Assert.Null(state.Password);

        state.OnSent(new ChatRequest("register", "first-password"));
        state.OnReceived(Event("""{"response":"info","content":"The name alice is now registered to you."}"""));
        Assert.Equal("first-password", state.Password);

        state.OnSent(new ChatRequest("password", "wrong second-password"));
        state.OnReceived(Event("""{"response":"error","content":"Wrong password","code":"bad_password"}"""));
        Assert.Equal("first-password", state.Password);

        state.OnSent(new ChatRequest("password", "first-password second-password"));
        state.OnReceived(Event("""{"response":"info","content":"Password changed."}"""));
        Assert.Equal("second-password", state.Password);
    }
}

using Parley.Cli.Tui;
using Parley.Client;
using Parley.Protocol;

namespace Parley.Cli.Tests;

/// <summary>The UI driven with keys and events, drawing into a string: what reaches the terminal.</summary>
public class TuiInteractionServiceTests
{
    private readonly StringWriter _screen = new();
    private readonly TuiInteractionService _ui;

    public TuiInteractionServiceTests()
    {
        var state = new ClientState();
        state.OnSent(new ChatRequest("login", "alice"));
        state.OnReceived(new ServerEvent(ServerEventKind.Info) { Text = "Login successful", Extensions = ["join", "leave"] });
        _ui = new TuiInteractionService(new EventFormatter(useColor: false), state, "host:1", _screen, () => (60, 8), color: false);
        _ui.Start();
    }

    private static ServerEvent Message(string sender, string text) => new(ServerEventKind.Message) { Sender = sender, Text = text };

    private static ConsoleKeyInfo Key(char c, ConsoleKey key = default, bool shift = false) => new(c, key, shift, alt: false, control: false);

    private string Drawn()
    {
        var text = _screen.ToString();
        _screen.GetStringBuilder().Clear();
        return text;
    }

    private void Type(string text)
    {
        foreach (var c in text)
        {
            _ui.OnKey(Key(c));
        }
    }

    [Fact]
    public void A_mention_rings_the_bell_once_per_message_and_a_history_never_does()
    {
        Drawn();
        _ui.ShowEvent(Message("bob", "alice alice, look"));
        Assert.Equal(1, Drawn().Count(c => c == '\a'));

        _ui.ShowEvent(new ServerEvent(ServerEventKind.History) { History = [Message("bob", "alice, earlier")] });
        Assert.DoesNotContain('\a', Drawn());
        _ui.ShowEvent(Message("alice", "I am alice"));
        Assert.DoesNotContain('\a', Drawn());
    }

    [Fact]
    public void Connected_to_the_server_it_names_already_the_status_line_does_not_repeat_the_server()
    {
        _ui.ShowConnectionState(ConnectionState.Connected, "host:1");

        var drawn = Drawn();
        Assert.Contains("\e[7;1H host:1 │ alice │ #lobby │ connected", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("connected: host:1", drawn, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_line_shows_the_server_user_room_and_connection_state()
    {
        _ui.ShowConnectionState(ConnectionState.Reconnecting, "retrying in 4 s");

        Assert.Contains("\e[7;1H host:1 │ alice │ #lobby │ reconnecting: retrying in 4 s", Drawn(), StringComparison.Ordinal);
    }

    [Fact]
    public void While_scrolled_back_a_new_message_shows_more_in_the_status_line_and_enter_returns_to_the_bottom()
    {
        for (var i = 0; i < 20; i++)
        {
            _ui.ShowEvent(Message("bob", "line " + i));
        }

        _ui.OnKey(Key('\0', ConsoleKey.PageUp));
        _ui.ShowEvent(Message("bob", "new one"));
        var drawn = Drawn();
        Assert.Contains("\e[7;1H -- more -- │ host:1", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("new one", drawn, StringComparison.Ordinal);

        Assert.Equal(string.Empty, _ui.OnKey(Key('\r', ConsoleKey.Enter)));
        Assert.Contains("bob: new one", Drawn(), StringComparison.Ordinal);
    }

    [Fact]
    public void Slash_help_shows_the_keys_here_and_goes_to_the_server()
    {
        Type("/help");

        Assert.Equal("/help", _ui.OnKey(Key('\r', ConsoleKey.Enter)));
        Assert.Contains("PageUp", Drawn(), StringComparison.Ordinal);
    }

    [Fact]
    public void Up_recalls_the_last_line_and_down_brings_back_the_half_typed_one()
    {
        Type("first");
        _ui.OnKey(Key('\r', ConsoleKey.Enter));
        Type("draft");

        _ui.OnKey(Key('\0', ConsoleKey.UpArrow));
        Assert.Contains("\e[8;1Halice@#lobby> first\e[K", Drawn(), StringComparison.Ordinal);
        _ui.OnKey(Key('\0', ConsoleKey.DownArrow));
        Assert.Contains("\e[8;1Halice@#lobby> draft\e[K", Drawn(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_is_read_in_the_input_line_and_never_drawn()
    {
        var secret = _ui.ReadSecretAsync("Password: ", CancellationToken.None);
        Type("hunter2");
        _ui.OnKey(Key('\r', ConsoleKey.Enter));

        Assert.Equal("hunter2", await secret.WaitAsync(TimeSpan.FromSeconds(10)));
        var drawn = Drawn();
        Assert.Contains("\e[8;1HPassword: \e[K", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", drawn, StringComparison.Ordinal);
    }

    [Fact]
    public void Finishing_restores_the_terminal_once()
    {
        Drawn();
        _ui.Finish();
        _ui.Finish();
        _ui.ShowHint("after the end");

        Assert.Equal(ScreenRenderer.LeaveScreen, Drawn());
    }
}

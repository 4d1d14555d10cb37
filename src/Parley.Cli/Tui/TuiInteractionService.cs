using System.Text;
using Parley.Client;

namespace Parley.Cli.Tui;

/// <summary>
/// The full-screen UI: the conversation (<see cref="Scrollback"/>) above, a status line, and the input line at
/// the bottom. Every change redraws the whole screen from the model (<see cref="ScreenRenderer"/>), under one
/// lock, so the key reader and the receive loop never interleave and incoming messages cannot disturb the
/// line being typed. Passwords: typed ones in a command line are drawn as <c>*</c> (<see cref="SecretMask"/>);
/// while a secret is read (<see cref="ReadSecretAsync"/>) the input line shows only its prompt.
/// </summary>
internal sealed partial class TuiInteractionService : IInteractionService
{
    private readonly Lock _lock = new();
    private readonly ClientState _state;
    private readonly string _server;
    private readonly TextWriter _screen;
    private readonly Func<(int Width, int Height)> _size;
    private readonly bool _color;
    private readonly TuiFormatter _formatter;
    private readonly Scrollback _scrollback = new();
    private readonly LineEditor _editor = new();
    private readonly InputHistory _history = new();
    private readonly TabCompleter _completer = new();
    private readonly RoomNames _names = new();
    private readonly SecretEntry _secret = new();
    private string? _question;
    private ConnectionState _connection = ConnectionState.Connected;
    private string? _connectionDetail;
    private bool _active;
    private string? _lastError;

    /// <param name="plain">The formatter without colour, for timestamps and notices.</param>
    /// <param name="state">The session, for the user, the room and the extensions.</param>
    /// <param name="server">"host:port", for the status line.</param>
    /// <param name="screen">Where the escape sequences go.</param>
    /// <param name="size">The terminal's size, read before every redraw (a resize needs no event to be right).</param>
    /// <param name="color">False with NO_COLOR.</param>
    public TuiInteractionService(EventFormatter plain, ClientState state, string server, TextWriter screen, Func<(int Width, int Height)> size, bool color)
    {
        _formatter = new TuiFormatter(plain);
        _state = state;
        _server = server;
        _screen = screen;
        _size = size;
        _color = color;
    }

    public bool ShowIds
    {
        get => _formatter.ShowIds;
        set => _formatter.ShowIds = value;
    }

    public bool CanReadSecrets => true;

    /// <summary>The last error shown by the client itself: printed after the screen is left, so it is not lost with it.</summary>
    public string? LastError => _lastError;

    public void ShowEvent(ServerEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        lock (_lock)
        {
            if (received.Kind == ServerEventKind.Message && received.Sender is { } sender)
            {
                _names.OnSender(sender);
            }
            else if (received.Kind is ServerEventKind.Info or ServerEventKind.Other)
            {
                _names.TryTakeListing(received.Items, received.Text);
            }

            foreach (var line in _formatter.Format(received, _state.Username, _state.Room, out var mentioned))
            {
                _scrollback.Add(line);
                if (mentioned)
                {
                    // Once per message, before the redraw, so the terminal rings while showing it.
                    _screen.Write('\a');
                    mentioned = false;
                }
            }

            Render();
        }
    }

    public void ShowHint(string text) => AddLines([TuiFormatter.Local(text)]);

    public void ShowError(string text)
    {
        _lastError = text;
        AddLines([TuiFormatter.Error(text)]);
    }

    public void ShowConnectionState(ConnectionState state, string? detail)
    {
        lock (_lock)
        {
            var changed = state != _connection;
            _connection = state;
            // The status line names the server already; a detail that only repeats it would say it twice.
            _connectionDetail = detail == _server ? null : detail;
            if (changed)
            {
                // The status line says it too, but a line in the conversation shows when it happened.
                _scrollback.Add(TuiFormatter.Local(StatusText(state, detail)));
            }

            Render();
        }
    }

    public async Task<string?> ReadSecretAsync(string prompt, CancellationToken cancellationToken)
    {
        TaskCompletionSource<string?> reader;
        lock (_lock)
        {
            reader = _secret.Begin(prompt);
            Render();
        }

        using (cancellationToken.Register(() => EndSecret(reader)))
        {
            return await reader.Task;
        }
    }

    /// <summary>Ends a secret being read as cancelled (Ctrl+C, Ctrl+D); false when none was being read.</summary>
    public bool CancelSecret()
    {
        lock (_lock)
        {
            if (!_secret.Cancel())
            {
                return false;
            }

            AfterSecret();
            return true;
        }
    }

    public bool IsLineEmpty
    {
        get
        {
            lock (_lock)
            {
                return _editor.IsEmpty;
            }
        }
    }

    /// <summary>Switches to the alternate screen and draws.</summary>
    public void Start()
    {
        lock (_lock)
        {
            _active = true;
            _screen.Write(ScreenRenderer.EnterScreen);
            Render();
        }
    }

    /// <summary>Restores the terminal (main screen, cursor shown). Safe to call twice, and from any thread.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (!_active)
            {
                return;
            }

            _active = false;
            _screen.Write(ScreenRenderer.LeaveScreen);
            _screen.Flush();
        }
    }

    /// <summary>Redraws (the terminal was resized, or the screen needs repainting).</summary>
    public void Refresh()
    {
        lock (_lock)
        {
            Render();
        }
    }

    /// <summary>Shows a yes/no question in the input line instead of the prompt; <see langword="null"/> ends it.</summary>
    public void Ask(string? question)
    {
        lock (_lock)
        {
            _question = question;
            Render();
        }
    }

    private void AddLines(IEnumerable<StyledLine> lines)
    {
        lock (_lock)
        {
            foreach (var line in lines)
            {
                _scrollback.Add(line);
            }

            Render();
        }
    }

    private static string StatusText(ConnectionState state, string? detail)
    {
        var name = state.ToString().ToLowerInvariant();
        return detail is null ? name : name + ": " + detail;
    }

    private void Render()
    {
        if (!_active)
        {
            return;
        }

        var (width, height) = _size();
        // First: the view clamps the scroll offset, which the status line reports.
        var conversation = _scrollback.View(width, Math.Max(0, height - 2));
        // The scroll indicator comes first so a narrow terminal never cuts it off.
        var status = new StringBuilder(_scrollback.Offset == 0 ? " " : _scrollback.HasUnseen ? " -- more -- │ " : " (scrolled back) │ ");
        status.Append(_server).Append(" │ ");
        status.Append(_state.IsLoggedIn ? _state.Username : "not logged in");
        if (_state.IsLoggedIn && _state.Room is { } room)
        {
            status.Append(" │ #").Append(room);
        }

        status.Append(" │ ").Append(StatusText(_connection, _connectionDetail));
        var (prompt, input, cursor) = (_secret.IsActive, _question) switch
        {
            (true, _) => (_secret.Prompt, string.Empty, 0),
            (_, { } question) => (question, string.Empty, 0),
            _ => (EventFormatter.Prompt(_state.IsLoggedIn ? _state.Username : null, _state.HasRooms ? _state.Room : null), SecretMask.Mask(_editor.Text), _editor.Cursor),
        };
        var frame = new ScreenFrame(width, height, conversation, StyledLine.Plain(status.ToString()), prompt, input, cursor);
        _screen.Write(ScreenRenderer.Render(frame, _color));
        _screen.Flush();
    }
}

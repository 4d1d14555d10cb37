using Parley.Protocol;

namespace Parley.Client;

/// <summary>
/// What the client knows about its session, updated from what it sends and receives. A login succeeded when
/// the first answer to it is not an error (some servers send the history before, or instead of, the info).
/// The room follows the same rule: a <c>join</c>/<c>leave</c> we sent is confirmed by the answer (an info about
/// that room, or any non-error info); infos about other rooms that arrive meanwhile do not count.
/// Thread-safe: the sender and the receive loop both update it.
/// </summary>
public sealed class ClientState
{
    public const string DefaultRoom = "lobby";

    private static readonly HashSet<string> s_baseRequests = new(StringComparer.Ordinal) { "login", "logout", "msg", "names", "help" };

    private readonly Lock _lock = new();
    private string? _pendingLogin;
    private string? _pendingLoginPassword;
    private string? _pendingRoom;
    private string? _pendingPassword;
    private string[] _extensions = [];
    private string? _room;
    private bool _serverHasRooms;

    public bool IsLoggedIn { get; private set; }

    /// <summary>A login was sent and not answered yet.</summary>
    public bool IsLoginPending
    {
        get
        {
            lock (_lock)
            {
                return _pendingLogin is not null;
            }
        }
    }

    public string? Username { get; private set; }

    /// <summary>The name of the last <c>login</c> we sent (without any password), answered or not.</summary>
    public string? LastLoginName { get; private set; }

    /// <summary>
    /// The password of this session's login (or the last one set with <c>register</c>/<c>password</c>),
    /// kept in memory only so the client could log in again after a reconnect. Never shown or logged.
    /// </summary>
    public string? Password { get; private set; }

    /// <summary>The room we are in: <see cref="DefaultRoom"/> after login, then as <c>join</c>/<c>leave</c> are answered.</summary>
    public string? Room
    {
        get
        {
            lock (_lock)
            {
                return _room;
            }
        }
    }

    /// <summary>The server knows rooms: it advertised <c>join</c>, or a payload carried a room.</summary>
    public bool HasRooms
    {
        get
        {
            lock (_lock)
            {
                return _serverHasRooms;
            }
        }
    }

    /// <summary>We sent <c>logout</c>: the server closing the connection from now on is expected.</summary>
    public bool IsLoggingOut { get; private set; }

    public string? ServerName { get; private set; }

    /// <summary>The extension requests the server advertised at login (empty for peer servers).</summary>
    public IReadOnlyList<string> Extensions
    {
        get
        {
            lock (_lock)
            {
                return _extensions;
            }
        }
    }

    /// <summary>
    /// Whether the client may send <paramref name="request"/> on its own initiative: the five base requests,
    /// or an extension the server advertised. Several peer servers close the connection on unknown requests.
    /// </summary>
    public bool Supports(string request)
    {
        lock (_lock)
        {
            return s_baseRequests.Contains(request) || _extensions.Contains(request, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Forgets the session but not who we were: after a lost connection the same state object follows the next
    /// connection (the UI holds on to it), and <see cref="Username"/>, <see cref="Password"/> stay for the re-login.
    /// </summary>
    public void Reset()
    {
        lock (_lock)
        {
            IsLoggedIn = false;
            IsLoggingOut = false;
            ServerName = null;
            _pendingLogin = null;
            _pendingLoginPassword = null;
            _pendingRoom = null;
            _pendingPassword = null;
            _extensions = [];
            _room = null;
            _serverHasRooms = false;
        }
    }

    public void OnSent(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            switch (request.Request)
            {
                case "login" when !IsLoggedIn:
                    // "login <name> <password>": the name is the first word; the rest is never kept beyond the session.
                    var (name, password) = SplitFirstWord(request.Content);
                    _pendingLogin = name;
                    _pendingLoginPassword = password;
                    LastLoginName = name;
                    break;
                case "join" when IsLoggedIn:
                    _pendingRoom = SplitFirstWord(request.Content).First;
                    break;
                case "leave" when IsLoggedIn:
                    _pendingRoom = DefaultRoom;
                    break;
                case "register" when IsLoggedIn:
                    _pendingPassword = request.Content;
                    break;
                case "password" when IsLoggedIn:
                    _pendingPassword = SplitFirstWord(request.Content).Remainder;
                    break;
                case "logout":
                    IsLoggingOut = true;
                    IsLoggedIn = false;
                    break;
                default:
                    break;
            }
        }
    }

    public void OnReceived(ServerEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        lock (_lock)
        {
            if (received.Extensions is { } extensions && received.Kind is ServerEventKind.Info or ServerEventKind.Other)
            {
                _extensions = [.. extensions];
            }

            if (received.ServerName is { } serverName)
            {
                ServerName = serverName;
            }

            _serverHasRooms |= received.Room is not null || _extensions.Contains("join", StringComparer.OrdinalIgnoreCase);
            if (received.Kind is ServerEventKind.Message or ServerEventKind.Raw)
            {
                return;
            }

            if (_pendingLogin is not null)
            {
                OnLoginAnswer(received);
            }
            else if (_pendingRoom is not null)
            {
                OnRoomAnswer(received);
            }
            else if (received.Kind == ServerEventKind.Info && received.Room is { } room && IsLoggedIn
                && received.Text?.StartsWith("You joined", StringComparison.Ordinal) == true)
            {
                // The server moved us without our asking (nothing does today; cheap to follow).
                _room = room;
            }
            else if (_pendingPassword is not null && received.Kind != ServerEventKind.History)
            {
                Password = received.Kind == ServerEventKind.Error ? Password : _pendingPassword;
                _pendingPassword = null;
            }
        }
    }

    private void OnLoginAnswer(ServerEvent received)
    {
        if (received.Kind != ServerEventKind.Error)
        {
            IsLoggedIn = true;
            Username = _pendingLogin;
            Password = _pendingLoginPassword;
            _room = DefaultRoom;
            _pendingRoom = null;
            _pendingPassword = null;
        }

        _pendingLogin = null;
        _pendingLoginPassword = null;
    }

    private void OnRoomAnswer(ServerEvent received)
    {
        switch (received.Kind)
        {
            case ServerEventKind.Error:
                _pendingRoom = null;
                break;
            case ServerEventKind.History:
                // The history of the new room follows the info; it confirms nothing on its own.
                break;
            case var _ when received.Room is { } room && !string.Equals(room, _pendingRoom, StringComparison.OrdinalIgnoreCase):
                // An info about another room (someone joined the old one) arriving before our answer.
                break;
            default:
                // The server's spelling wins (room names keep the case of their first creation).
                _room = received.Room ?? _pendingRoom;
                _pendingRoom = null;
                break;
        }
    }

    private static (string? First, string? Remainder) SplitFirstWord(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, null);
        }

        var end = trimmed.IndexOfAny([' ', '\t']);
        if (end < 0)
        {
            return (trimmed, null);
        }

        var rest = trimmed[end..].Trim();
        return (trimmed[..end], rest.Length == 0 ? null : rest);
    }
}

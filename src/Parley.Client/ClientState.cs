using Parley.Protocol;

namespace Parley.Client;

/// <summary>
/// What the client knows about its session, updated from what it sends and receives. A login succeeded when
/// the first answer to it is not an error (some servers send the history before, or instead of, the info).
/// Thread-safe: the sender and the receive loop both update it.
/// </summary>
public sealed class ClientState
{
    private static readonly HashSet<string> s_baseRequests = new(StringComparer.Ordinal) { "login", "logout", "msg", "names", "help" };

    private readonly Lock _lock = new();
    private string? _pendingLogin;
    private string[] _extensions = [];

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

    public void OnSent(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            switch (request.Request)
            {
                case "login" when !IsLoggedIn:
                    _pendingLogin = request.Content;
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

            if (_pendingLogin is null || received.Kind is ServerEventKind.Message or ServerEventKind.Raw)
            {
                return;
            }

            if (received.Kind != ServerEventKind.Error)
            {
                IsLoggedIn = true;
                Username = _pendingLogin;
            }

            _pendingLogin = null;
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Chat;

/// <summary>
/// The chat's shared state: who is connected, who holds which name, and the rooms. Request handlers act
/// through it; it knows nothing of sockets or JSON framing.
/// </summary>
public sealed partial class ChatServer
{
    /// <summary>The room everyone starts in, and returns to with <c>leave</c>.</summary>
    public const string DefaultRoom = "lobby";

    private const string ShutdownNotice = "The server is shutting down. Goodbye!";

    private readonly ConcurrentDictionary<string, ChatSession> _users = new(Usernames.Comparer);
    private readonly ConcurrentDictionary<string, ChatSession> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger<ChatServer> _logger;
    private volatile bool _shuttingDown;

    public ChatServer(IOptions<ChatServerOptions> options, IChatStore store, TimeProvider clock, ServerCounters counters, ILogger<ChatServer> logger,
        IChatBackplane? backplane = null)
    {
        Options = options.Value;
        Store = store;
        Clock = clock;
        Counters = counters;
        _logger = logger;
        _backplane = backplane;
        Lobby = _rooms.GetOrAdd(DefaultRoom, NewRoom);
        counters.Observe(this);
    }

    public ChatServerOptions Options { get; }

    public IChatStore Store { get; }

    public TimeProvider Clock { get; }

    public ServerCounters Counters { get; }

    public Room Lobby { get; }

    public static string Version { get; } = typeof(ChatServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Connections open now, logged in or not.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Users logged in now.</summary>
    public int LoggedInCount => _users.Count;

    /// <summary>Rooms live in this process: the lobby and every room joined since start.</summary>
    public int RoomCount => _rooms.Count;

    internal bool IsShuttingDown => _shuttingDown;

    /// <summary>Opens the store (migrations) and makes sure the lobby exists in it. Once, before serving.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken);
        await Store.EnsureRoomAsync(DefaultRoom, Clock.GetUtcNow(), cancellationToken);
        if (_backplane is not null)
        {
            await _backplane.StartAsync(this, cancellationToken);
            await _backplane.SubscribeRoomAsync(DefaultRoom, cancellationToken);
        }
    }

    /// <summary>The room named <paramref name="name"/> (any letter case), created (and stored) when new.</summary>
    internal async ValueTask<Room> GetOrCreateRoomAsync(string name, CancellationToken cancellationToken)
    {
        if (_rooms.TryGetValue(name, out var room))
        {
            return room;
        }

        var stored = await Store.EnsureRoomAsync(name, Clock.GetUtcNow(), cancellationToken);

        // Subscribed before anyone joins: the join's history and the live traffic from other nodes meet.
        if (_backplane is not null)
        {
            await _backplane.SubscribeRoomAsync(stored, cancellationToken);
        }

        return _rooms.GetOrAdd(stored, NewRoom);
    }

    /// <summary>A room that is live in this process (has or had members since start), or null.</summary>
    internal Room? FindRoom(string name) => _rooms.GetValueOrDefault(name);

    /// <summary>The session logged in as <paramref name="name"/> (any letter case), or null.</summary>
    internal ChatSession? FindUser(string name) => _users.GetValueOrDefault(name);

    internal void Connected(ChatSession session)
    {
        _connections[session.ConnectionId] = session;

        // A connection that arrives while shutdown is under way would miss the notice sent to the others.
        if (_shuttingDown)
        {
            session.CloseWith(Notices.Info(Clock, ShutdownNotice));
        }
    }

    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="session"/>; false when someone holds it (any letter
    /// case), here or, in a cluster, on another node.
    /// </summary>
    internal async ValueTask<bool> TryClaimNameAsync(string name, ChatSession session, CancellationToken cancellationToken)
    {
        if (!_users.TryAdd(name, session))
        {
            return false;
        }

        if (_backplane is not null)
        {
            var claimed = false;
            try
            {
                // Listed in the lobby at once, where the login puts the user: names on other nodes show it
                // before the user has the welcome.
                claimed = await _backplane.ClaimNameAsync(name, DefaultRoom, cancellationToken);
            }
            finally
            {
                if (!claimed)
                {
                    _users.TryRemove(new KeyValuePair<string, ChatSession>(name, session));
                }
            }

            if (!claimed)
            {
                return false;
            }
        }

        session.SetUsername(name);
        return true;
    }

    /// <summary>Logs the session out (if it was logged in): its name is free and it leaves its room at once.</summary>
    internal void LogOut(ChatSession session, string reason)
    {
        if (session.Username is not { } name)
        {
            return;
        }

        // The name goes first, then the room: see ChatSession's note on fences.
        session.SetUsername(null);
        session.Account = null;
        session.Room?.Leave(session);

        // Released in the cluster before the name is free here: the next claim of it on this node then
        // reaches Redis after the release, which would otherwise take the new holder's claim with it.
        _backplane?.ReleaseName(name);
        _users.TryRemove(new KeyValuePair<string, ChatSession>(name, session));
        ServerLog.LoggedOut(_logger, session.ConnectionId, name, reason);
    }

    /// <summary>The connection is gone: log it out and forget it.</summary>
    internal void Disconnect(ChatSession session, string reason)
    {
        LogOut(session, reason);
        _connections.TryRemove(new KeyValuePair<string, ChatSession>(session.ConnectionId, session));
    }

    /// <summary>Tells every connection that the server is going away, and closes each once told.</summary>
    internal void BeginShutdown()
    {
        _shuttingDown = true;
        var sessions = _connections.Values.ToArray();
        ServerLog.ShuttingDown(_logger, sessions.Length);
        foreach (var session in sessions)
        {
            session.CloseWith(Notices.Info(Clock, ShutdownNotice));
        }
    }

    /// <summary>Lets every room store what it has queued; after this the store can close.</summary>
    internal Task DrainAsync() => Task.WhenAll(_rooms.Values.Select(r => r.DrainAsync()));

    private Room NewRoom(string name) => new(name, Store, Counters, _logger, _backplane);
}

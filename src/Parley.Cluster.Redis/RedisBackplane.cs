using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

/// <summary>
/// The backplane on Redis (StackExchange.Redis, one multiplexer per node). The registry of names, rooms and
/// node leases lives in hashes kept consistent by Lua scripts (<see cref="RedisScripts"/>); traffic crosses
/// nodes by pub/sub, a channel per room (a node subscribes to the rooms it has members in) and one per node
/// (orders for its users). Pub/sub loses what is published while a node is cut off, so a node that was cut
/// off says so on a catch-up channel when it is back, and every node then delivers from the store what it
/// missed (<see cref="IBackplaneListener.OnCatchUp"/>).
/// </summary>
public sealed partial class RedisBackplane : IChatBackplane
{
    private readonly RedisBackplaneOptions _options;
    private readonly ILogger _logger;
    private readonly RedisKey _users;
    private readonly RedisKey _lease;
    private readonly string _nodeKeyPrefix;
    private readonly string _membersKeyPrefix;
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _redis;
    private IDatabase? _db;
    private IBackplaneListener? _listener;
    private Task _leaseLoop = Task.CompletedTask;

    public RedisBackplane(RedisBackplaneOptions options, ILogger<RedisBackplane> logger)
    {
        if (options.NodeId.Length is 0 or > 200 || options.NodeId.Any(c => c is '\t' or > '~' or < '!'))
        {
            throw new ArgumentException($"The node id '{options.NodeId}' must be 1 to 200 printable ASCII characters without spaces.", nameof(options));
        }

        _options = options;
        _logger = logger;
        _users = $"{options.Prefix}:users";
        _nodeKeyPrefix = $"{options.Prefix}:node:";
        _membersKeyPrefix = $"{options.Prefix}:members:";
        _lease = _nodeKeyPrefix + options.NodeId;
    }

    public string NodeId => _options.NodeId;

    private IDatabase Db => _db ?? throw new InvalidOperationException("The backplane is not started.");

    public async ValueTask StartAsync(IBackplaneListener listener, CancellationToken cancellationToken)
    {
        _listener = listener;
        var configuration = ConfigurationOptions.Parse(_options.Configuration);
        configuration.AbortOnConnectFail = false; // reconnect by itself when Redis comes back

        // A try a second: the default backs off to ten seconds between tries, which a node cut off from its
        // cluster would spend refusing logins after Redis is back. One Redis takes a connect a second lightly.
        configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        configuration.ClientName = $"parley-{_options.NodeId}";
        try
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(cancellationToken);
            _db = _redis.GetDatabase();

            // A crashed run of this node left its users behind; they are not here any more.
            await Db.ScriptEvaluateAsync(RedisScripts.Purge, [_users], [_options.NodeId, _membersKeyPrefix]).WaitAsync(cancellationToken);
            await Db.StringSetAsync(_lease, StartedValue(), _options.Lease).WaitAsync(cancellationToken);
            await SubscribeNodeChannelsAsync().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new BackplaneUnavailableException($"Redis at {_options.Configuration} is not reachable: {Shorten(ex.Message)}", ex);
        }

        _redis.ConnectionFailed += (_, e) => CutOff(e.Exception?.Message ?? e.FailureType.ToString());
        _redis.ConnectionRestored += (_, _) => _ = RecoverAsync();
        _leaseLoop = RenewLeaseAsync(_stopping.Token);
        BackplaneLog.Started(_logger, _options.NodeId, _options.Configuration, _options.Lease.TotalSeconds);
    }

    public async ValueTask<bool> ClaimNameAsync(string name, string? room, CancellationToken cancellationToken)
    {
        var result = await Ask(Db.ScriptEvaluateAsync(RedisScripts.Claim, [_users],
            [Field(name), _options.NodeId, name, _nodeKeyPrefix, _membersKeyPrefix, room ?? string.Empty]), cancellationToken);
        return (long)result == 1;
    }

    public void ReleaseName(string name) => Tell(Db.ScriptEvaluateAsync(RedisScripts.Release, [_users],
        [Field(name), _options.NodeId, _membersKeyPrefix], CommandFlags.FireAndForget));

    public void SetRoom(string name, string? room) => Tell(Db.ScriptEvaluateAsync(RedisScripts.SetRoom, [_users],
        [Field(name), _options.NodeId, room ?? string.Empty, _membersKeyPrefix], CommandFlags.FireAndForget));

    public async ValueTask<RemoteUser?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        var result = await Ask(Db.ScriptEvaluateAsync(RedisScripts.Find, [_users], [Field(name), _nodeKeyPrefix]), cancellationToken);
        if (result.IsNull || result.ToString() is not { } entry)
        {
            return null;
        }

        var parts = entry.Split('\t');
        return parts.Length == 3 ? new RemoteUser(parts[1], parts[0], parts[2].Length == 0 ? null : parts[2]) : null;
    }

    public async ValueTask<IReadOnlyList<string>> GetRoomMembersAsync(string room, CancellationToken cancellationToken)
    {
        var result = await Ask(Db.ScriptEvaluateAsync(RedisScripts.Members, [MembersKey(room)], [_nodeKeyPrefix]), cancellationToken);
        return ((RedisValue[]?)result ?? []).Select(v => v.ToString()).ToArray();
    }

    public async ValueTask<IReadOnlyList<int>> CountRoomMembersAsync(IReadOnlyList<string> rooms, CancellationToken cancellationToken)
    {
        if (rooms.Count == 0)
        {
            return [];
        }

        var result = await Ask(Db.ScriptEvaluateAsync(RedisScripts.Counts, rooms.Select(MembersKey).ToArray(), [_nodeKeyPrefix]), cancellationToken);
        return ((long[]?)result ?? []).Select(n => (int)n).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _leaseLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_redis is null)
        {
            return;
        }

        try
        {
            // Leaving on purpose: the names are free at once, not when the lease runs out.
            await Db.ScriptEvaluateAsync(RedisScripts.Purge, [_users], [_options.NodeId, _membersKeyPrefix]).WaitAsync(TimeSpan.FromSeconds(2));
            await Db.KeyDeleteAsync(_lease).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is away: the lease runs out by itself and takes the entries with it.
        }

        await _redis.CloseAsync();
        await _redis.DisposeAsync();
        _stopping.Dispose();
    }

    private static string Field(string name) => name.ToLowerInvariant();

    /// <summary>StackExchange.Redis appends a page of diagnostics to its messages; the first part says what happened.</summary>
    internal static string Shorten(string message)
    {
        var end = message.IndexOf(" - ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    private RedisKey MembersKey(string room) => _membersKeyPrefix + room.ToLowerInvariant();

    private static string StartedValue() => $"started {DateTimeOffset.UtcNow:O}";

    /// <summary>A question to Redis: its failure becomes <see cref="BackplaneUnavailableException"/>.</summary>
    private async Task<RedisResult> Ask(Task<RedisResult> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            CutOff(ex.Message);
            throw new BackplaneUnavailableException($"The cluster's Redis is not reachable: {Shorten(ex.Message)}", ex);
        }
    }

    /// <summary>A fire-and-forget command: queued in order on the multiplexer; it never throws here.</summary>
    private static void Tell(Task call) => _ = call.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
}

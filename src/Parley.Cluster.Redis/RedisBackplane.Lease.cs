using StackExchange.Redis;

namespace Parley.Cluster.Redis;

public sealed partial class RedisBackplane
{
    // Unix milliseconds since when this node is cut off from Redis; 0 while connected.
    private long _cutOffSince;
    private int _recovering;

    public DateTimeOffset? CutOffSince => Volatile.Read(ref _cutOffSince) is var since and not 0 ? DateTimeOffset.FromUnixTimeMilliseconds(since) : null;

    /// <summary>
    /// Renews the lease three times per lease. A renewal that finds no lease (it ran out while the node was
    /// cut off, or Redis restarted empty) takes the node's names and rooms up again; one that follows a cut
    /// recovers (see <see cref="RecoverAsync"/>): the events of the multiplexer are not the only witness.
    /// </summary>
    private async Task RenewLeaseAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.Lease / 3);
        while (await NextTickAsync(timer, stopping))
        {
            try
            {
                if (!await Db.StringSetAsync(_lease, StartedValue(), _options.Lease, When.Exists))
                {
                    await ReRegisterAsync();
                }

                if (Volatile.Read(ref _cutOffSince) != 0)
                {
                    await RecoverAsync();
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                CutOff(ex.Message);
            }
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false; // the node is stopping
        }
    }

    /// <summary>Notes the start of a cut (the first failure counts); the recovery looks back to it.</summary>
    private void CutOff(string reason)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (Interlocked.CompareExchange(ref _cutOffSince, now, 0) == 0)
        {
            BackplaneLog.CutOff(_logger, _options.NodeId, reason);
        }
    }

    /// <summary>
    /// Back after a cut: make sure the node is registered, tell the other nodes to catch up on what this one
    /// published meanwhile, and catch up on what they published. One recovery at a time; a failed one leaves
    /// the cut noted, so the next renewal tries again.
    /// </summary>
    private async Task RecoverAsync()
    {
        if (Interlocked.Exchange(ref _recovering, 1) == 1)
        {
            return;
        }

        try
        {
            var since = Volatile.Read(ref _cutOffSince);
            if (since == 0 || _stopping.IsCancellationRequested)
            {
                return;
            }

            // A round trip on the subscription link, which resubscribes to the rooms' channels first when it is
            // back: the catch-up below must read the store only once this node hears the channels again, or a
            // message another node published in between would reach this node neither live nor from the store.
            await _redis!.GetSubscriber().PingAsync();
            if (!await Db.StringSetAsync(_lease, StartedValue(), _options.Lease, When.Exists))
            {
                await ReRegisterAsync();
            }

            await _redis!.GetSubscriber().PublishAsync(RedisChannel.Literal(CatchUpChannel), $"{_options.NodeId}\t{since}");
            Interlocked.CompareExchange(ref _cutOffSince, 0, since);
            BackplaneLog.Recovered(_logger, _options.NodeId, DateTimeOffset.FromUnixTimeMilliseconds(since));
            _listener!.OnCatchUp(DateTimeOffset.FromUnixTimeMilliseconds(since) - _options.CatchUpMargin);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            BackplaneLog.RecoveryFailed(_logger, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _recovering, 0);
        }
    }

    /// <summary>
    /// The lease was gone: take it again, then each local user's name and room. A name another node took
    /// meanwhile (its user logged in there while this node was out) stays there; the local user is removed.
    /// </summary>
    private async Task ReRegisterAsync()
    {
        await Db.StringSetAsync(_lease, StartedValue(), _options.Lease);
        var users = _listener!.LocalUsers();
        var lost = 0;
        foreach (var (name, room) in users)
        {
            var claimed = (long)await Db.ScriptEvaluateAsync(RedisScripts.Claim, [_users],
                [Field(name), _options.NodeId, name, _nodeKeyPrefix, _membersKeyPrefix, room ?? string.Empty]) == 1;
            if (!claimed)
            {
                lost++;
                _listener.OnNameLost(name);
            }
        }

        BackplaneLog.ReRegistered(_logger, _options.NodeId, users.Count, lost);
    }
}

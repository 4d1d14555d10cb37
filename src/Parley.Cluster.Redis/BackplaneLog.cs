using Microsoft.Extensions.Logging;

namespace Parley.Cluster.Redis;

internal static partial class BackplaneLog
{
    [LoggerMessage(60, LogLevel.Information, "Cluster node {NodeId} joined through Redis at {Redis} (lease {LeaseSeconds} s)")]
    public static partial void Started(ILogger logger, string nodeId, string redis, double leaseSeconds);

    [LoggerMessage(61, LogLevel.Warning, "Cluster node {NodeId} is cut off from Redis: {Reason}. Local users keep chatting; other nodes' traffic is caught up from the store when Redis is back")]
    public static partial void CutOff(ILogger logger, string nodeId, string reason);

    [LoggerMessage(62, LogLevel.Information, "Cluster node {NodeId} is back on Redis (cut off since {Since:O}); catching up from the store")]
    public static partial void Recovered(ILogger logger, string nodeId, DateTimeOffset since);

    [LoggerMessage(63, LogLevel.Warning, "Recovering the link to Redis failed ({Reason}); the next lease renewal tries again")]
    public static partial void RecoveryFailed(ILogger logger, string reason);

    [LoggerMessage(64, LogLevel.Information, "Cluster node {NodeId} took its lease again: {Users} users registered again, {Lost} names lost to other nodes")]
    public static partial void ReRegistered(ILogger logger, string nodeId, int users, int lost);

    [LoggerMessage(65, LogLevel.Information, "Node {NodeId} was cut off from Redis: catching up on its traffic from the store")]
    public static partial void CatchingUp(ILogger logger, string nodeId);

    [LoggerMessage(66, LogLevel.Error, "Handling traffic from another node failed")]
    public static partial void ListenerFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Cluster;

namespace Parley.Server.Health;

/// <summary>
/// The "cluster" health check (tagged "ready"; only on a node of a cluster): not ready while the node is cut
/// off from the others. Its users keep chatting meanwhile, but a new login cannot claim a name there, so a
/// load balancer should send newcomers to a node that can.
/// </summary>
internal sealed class ClusterHealthCheck(IChatBackplane backplane) : IHealthCheck
{
    public const string Name = "cluster";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = backplane.CutOffSince is { } since
            ? new HealthCheckResult(context.Registration.FailureStatus,
                $"Node {backplane.NodeId} is cut off from the cluster's Redis since {since:O}: its users are served, new logins are refused.")
            : HealthCheckResult.Healthy($"Node {backplane.NodeId} is linked to the cluster.");
        return Task.FromResult(result);
    }
}

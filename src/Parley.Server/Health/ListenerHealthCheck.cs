using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Server.Health;

/// <summary>
/// The "listeners" health check (tagged "ready"): Healthy from the moment the host has started, when every
/// listener is bound and the store is open (it opens before Kestrel starts, ChatLifetimeService), until
/// shutdown begins; so a load balancer stops sending clients while the server says goodbye to its own.
/// </summary>
internal sealed class ListenerHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "listeners";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = !lifetime.ApplicationStarted.IsCancellationRequested
            ? new HealthCheckResult(context.Registration.FailureStatus, "Starting: the store or a listener is not open yet.")
            : lifetime.ApplicationStopping.IsCancellationRequested
                ? new HealthCheckResult(context.Registration.FailureStatus, "Shutting down: clients are being told to leave.")
                : HealthCheckResult.Healthy("Every listener is bound and the store is open.");
        return Task.FromResult(result);
    }
}

using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Server.Health;

/// <summary>The "store" health check (tagged "ready"): unhealthy while store writes fail, with the reason.</summary>
internal sealed class StoreHealthCheck(StoreHealth health) : IHealthCheck
{
    public const string Name = "store";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = health.Status;
        if (status.IsReady)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Store writes succeed."));
        }

        var since = status.Since.ToString("O", CultureInfo.InvariantCulture);
        return Task.FromResult(new HealthCheckResult(
            context.Registration.FailureStatus,
            $"Store writes are failing since {since}: {status.Reason}. Messages are refused until a write succeeds again.",
            data: new Dictionary<string, object> { ["reason"] = status.Reason ?? string.Empty, ["since"] = since }));
    }
}

using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Server.Health;

/// <summary>
/// The readiness checks (tagged <see cref="Tag"/>: the store's writes, the listeners) and how <c>/healthz</c>
/// reports them: 200 when every one is Healthy, 503 otherwise, with one line per check for the operator.
/// </summary>
internal static class Readiness
{
    public const string Tag = "ready";

    public static bool IsReadinessCheck(HealthCheckRegistration registration) => registration.Tags.Contains(Tag);

    /// <summary>The body of <c>/healthz</c>: the overall status, then <c>name: status: description</c> per check.</summary>
    public static Task WriteResponseAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").Append(entry.Status);
            if (!string.IsNullOrEmpty(entry.Description))
            {
                text.Append(": ").Append(entry.Description);
            }

            text.Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}

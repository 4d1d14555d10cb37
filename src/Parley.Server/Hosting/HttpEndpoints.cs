using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Parley.Server.Health;

namespace Parley.Server.Hosting;

/// <summary>
/// The listener beside the chat port: the HTTP port (the web client, <c>/healthz</c>).
/// <see cref="ParleyHost.Build"/> calls <see cref="AddParleyHttp"/> before building the app and
/// <see cref="HttpRoutes.MapParleyHttp"/> after.
/// </summary>
public static class HttpEndpoints
{
    // ASP.NET Core's health-check service logs every Unhealthy result as an error, so a load balancer polling
    // /healthz through a disk-full outage would log an error per poll. StoreHealth logs the cause once.
    private const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>
    /// Configures Kestrel's HTTP endpoint and the readiness check of the listeners. Throws
    /// <see cref="OptionsValidationException"/> for settings that cannot work (a port out of range).
    /// </summary>
    public static void AddParleyHttp(this WebApplicationBuilder builder, ChatServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var httpPort = KestrelPort(options.HttpPort, "--http-port");

        var bound = new BoundEndpoints();
        builder.Services.AddSingleton(bound);
        builder.Services.AddHealthChecks().AddCheck<ListenerHealthCheck>(ListenerHealthCheck.Name, tags: [Readiness.Tag]);
        builder.Logging.AddFilter(HealthCheckServiceCategory, LogLevel.Critical);

        if (httpPort is not { } http)
        {
            return;
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(ParleyHost.ResolveAddress(options.Host), http, listen => bound.Http = listen);
        });
    }

    /// <summary>Publishes the bound endpoints in <see cref="ListenerInfo"/> and logs them; once Kestrel has bound.</summary>
    internal static void PublishBoundEndpoints(IServiceProvider services)
    {
        var bound = services.GetRequiredService<BoundEndpoints>();
        var listener = services.GetRequiredService<ListenerInfo>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpEndpoints));
        listener.HttpEndPoint = bound.Http?.EndPoint;
        if (bound.Http is { } http)
        {
            HttpLog.HttpServing(logger, "http", http.EndPoint.ToString() ?? "?");
        }
    }

    /// <summary>The port to give Kestrel for a setting that may be off: null when off, 0 for any free port.</summary>
    private static int? KestrelPort(int configured, string flag) => configured switch
    {
        ChatServerOptions.PortOff => null,
        ChatServerOptions.AnyFreePort => 0,
        > 0 and <= 65535 => configured,
        _ => throw new OptionsValidationException(ChatServerOptions.SectionName, typeof(ChatServerOptions),
            [$"{flag} {configured} is not a port: give 1 to 65535, 0 to turn it off, or -1 for any free port."]),
    };

    /// <summary>The listen options Kestrel binds, kept to read their endpoints once bound (port 0 is resolved then).</summary>
    internal sealed class BoundEndpoints
    {
        public ListenOptions? Http { get; set; }
    }
}

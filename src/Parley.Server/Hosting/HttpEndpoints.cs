using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Parley.Server.Health;
using Parley.Server.Metrics;
using Parley.Server.Networking;

namespace Parley.Server.Hosting;

/// <summary>
/// The listeners beside the plain chat port: the HTTP port (HTTPS with a certificate: the web client,
/// <c>/healthz</c>, <c>/metrics</c>) and the chat port over TLS. <see cref="ParleyHost.Build"/> calls
/// <see cref="AddParleyHttp"/> before building the app and <see cref="HttpRoutes.MapParleyHttp"/> after.
/// </summary>
public static class HttpEndpoints
{
    // ASP.NET Core's health-check service logs every Unhealthy result as an error, so a load balancer polling
    // /healthz through a disk-full outage would log an error per poll. StoreHealth logs the cause once.
    private const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>
    /// Configures Kestrel's HTTP(S) and TLS chat endpoints, the readiness check of the listeners and the metrics
    /// exporter. Throws <see cref="OptionsValidationException"/> for settings that cannot work (a TLS port
    /// without a certificate, an unreadable certificate, a port out of range).
    /// </summary>
    public static void AddParleyHttp(this WebApplicationBuilder builder, ChatServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var tls = builder.Configuration.GetSection(ChatServerOptions.SectionName).Get<TlsOptions>() ?? new TlsOptions();
        var httpPort = KestrelPort(options.HttpPort, "--http-port");
        var tlsPort = KestrelPort(tls.TlsPort, "--tls-port");
        var certificate = tls.LoadCertificate();

        var bound = new BoundEndpoints(certificate);
        builder.Services.AddSingleton(_ => bound); // from a factory, so that the container disposes it (and the certificate)
        builder.Services.AddSingleton<MetricsCollector>();
        builder.Services.AddHealthChecks().AddCheck<ListenerHealthCheck>(ListenerHealthCheck.Name, tags: [Readiness.Tag]);
        builder.Logging.AddFilter(HealthCheckServiceCategory, LogLevel.Critical);

        if (httpPort is null && tlsPort is null)
        {
            // Nothing for Kestrel to serve (the TLS chat port needs it too, so not just "HTTP off").
            builder.Services.AddSingleton<IServer, NoHttpServer>();
            return;
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = ParleyHost.ResolveAddress(options.Host);
            if (httpPort is { } http)
            {
                kestrel.Listen(address, http, listen =>
                {
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }

                    bound.Http = listen;
                });
            }

            if (tlsPort is { } secure)
            {
                // LoadCertificate refused a TLS port without a certificate, so there is one here.
                kestrel.Listen(address, secure, listen =>
                {
                    listen.UseHttps(certificate!);
                    listen.UseConnectionHandler<ChatConnectionHandler>();
                    bound.Tls = listen;
                });
            }
        });
    }

    /// <summary>Publishes the bound endpoints in <see cref="ListenerInfo"/> and logs them; once Kestrel has bound.</summary>
    internal static void PublishBoundEndpoints(IServiceProvider services)
    {
        var bound = services.GetRequiredService<BoundEndpoints>();
        var listener = services.GetRequiredService<ListenerInfo>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpEndpoints));
        listener.HttpEndPoint = bound.Http?.EndPoint;
        listener.TlsEndPoint = bound.Tls?.EndPoint;
        if (bound.Http is { } http)
        {
            HttpLog.HttpServing(logger, bound.Certificate is null ? "http" : "https", http.EndPoint.ToString() ?? "?");
        }

        if (bound.Tls is { } tls)
        {
            HttpLog.TlsChatServing(logger, tls.EndPoint.ToString() ?? "?");
        }

        if (bound.Certificate is { } certificate)
        {
            HttpLog.Certificate(logger, certificate.Subject, certificate.NotAfter.ToUniversalTime());
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            {
                HttpLog.CertificateNotValidNow(logger, certificate.Subject, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
            }
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

    /// <summary>
    /// The listen options Kestrel binds, kept to read their endpoints once bound (port 0 is resolved then), and
    /// the certificate they use, disposed after Kestrel has stopped with the host's services.
    /// </summary>
    internal sealed class BoundEndpoints(X509Certificate2? certificate) : IDisposable
    {
        public X509Certificate2? Certificate { get; } = certificate;

        public ListenOptions? Http { get; set; }

        public ListenOptions? Tls { get; set; }

        public void Dispose() => Certificate?.Dispose();
    }
}

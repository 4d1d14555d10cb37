using System.Net;
using Parley.Server.Chat;
using Parley.Server.Networking;

namespace Parley.Server.Hosting;

/// <summary>Builds the server process: configuration, logging, the KTN listener, graceful shutdown.</summary>
public static class ParleyHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings);
        var options = builder.Configuration.GetSection(ChatServerOptions.SectionName).Get<ChatServerOptions>() ?? new ChatServerOptions();
        builder.Services.AddParleyChat(builder.Configuration);
        builder.Services.AddParleyStore(options); // SQLite or PostgreSQL: StoreServiceCollectionExtensions.cs
        builder.Services.AddParleyCluster(options); // --backplane redis: ClusterServiceCollectionExtensions.cs
        builder.Services.AddHostedService<ChatLifetimeService>();
        var listener = new ListenerInfo();
        builder.Services.AddSingleton(listener);
        builder.AddParleyHttp(options); // HTTP(S) and TLS chat listeners: HttpEndpoints.cs

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownGraceSeconds + 3));

        // Plain TCP is ours (TcpChatListener, started after the store is open); Kestrel carries what needs HTTP.
        builder.Services.AddHostedService<TcpChatListener>();
        builder.WebHost.UseSockets(socket =>
        {
            // Each payload is its own write, so Nagle must not hold one back waiting to merge it with the next.
            socket.NoDelay = true;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var app = builder.Build();
        app.MapParleyHttp(); // the web client, /healthz, /metrics: HttpRoutes.cs
        var server = app.Services.GetRequiredService<ChatServer>();
        var logger = app.Services.GetRequiredService<ILogger<ChatServer>>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // The listener has bound by now, so the endpoint carries the real port even when 0 was asked for.
            ServerLog.Listening(logger, ChatServer.Version, listener.EndPoint?.ToString() ?? "?");
        });
        app.Lifetime.ApplicationStopping.Register(server.BeginShutdown);
        return app;
    }

    internal static IPAddress ResolveAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new InvalidOperationException($"Cannot resolve host '{host}'.");
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.StaticFiles;
using Parley.Server.Health;

namespace Parley.Server.Hosting;

/// <summary>
/// What the HTTP port serves: the web client from the web root (<c>wwwroot</c> beside the executable, copied
/// there by the build), the chat over WebSocket at <c>/ws</c> and <c>/healthz</c>.
/// Only the HTTP port reaches this pipeline: the chat ports run their connection handler instead.
/// </summary>
public static class HttpRoutes
{
    private static readonly FileExtensionContentTypeProvider s_contentTypes = CreateContentTypes();

    public static WebApplication MapParleyHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The files are not fingerprinted (no build step renames them), so a browser must ask again each time
        // (a cheap 304 with the ETag) rather than run yesterday's script against today's server.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = s_contentTypes,
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers.CacheControl = "no-cache";
                file.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });

        // The chat over WebSocket: the same connection handler as the TCP port (WebSocketEndpoint.cs).
        app.UseWebSockets();
        app.MapChatWebSocket();

        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = Readiness.IsReadinessCheck,
            ResponseWriter = Readiness.WriteResponseAsync,
        });

        app.Lifetime.ApplicationStarted.Register(() => HttpEndpoints.PublishBoundEndpoints(app.Services));
        return app;
    }

    /// <summary>
    /// ASP.NET Core's table, with UTF-8 named for text (a page without a charset may be read as Windows-1252)
    /// and the two types a web client may need that it lacks.
    /// </summary>
    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        foreach (var (extension, type) in new[] { (".html", "text/html"), (".htm", "text/html"), (".css", "text/css"), (".js", "text/javascript"), (".mjs", "text/javascript"), (".txt", "text/plain") })
        {
            provider.Mappings[extension] = type + "; charset=utf-8";
        }

        provider.Mappings.TryAdd(".webmanifest", "application/manifest+json");
        provider.Mappings.TryAdd(".map", "application/json");
        return provider;
    }
}

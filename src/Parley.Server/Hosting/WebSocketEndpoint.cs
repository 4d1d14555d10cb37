using Microsoft.Extensions.Options;
using Parley.Server.Networking;

namespace Parley.Server.Hosting;

/// <summary>
/// <c>/ws</c>: the chat protocol over WebSocket for the web client, through the same connection handler, limits
/// and rules as TCP. Browsers send the page's origin; only the server's own origin and those configured in
/// <see cref="ChatServerOptions.AllowedOrigins"/> may connect (another site's page must not chat as its
/// visitor). Clients that send no origin (not browsers) are let in, as on the TCP port.
/// </summary>
public static class WebSocketEndpoint
{
    public const string Path = "/ws";

    public static IEndpointConventionBuilder MapChatWebSocket(this IEndpointRouteBuilder endpoints)
        => endpoints.Map(Path, static async (HttpContext context, ChatConnectionHandler handler, IOptions<ChatServerOptions> options) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
                await context.Response.WriteAsync("This is the chat's WebSocket endpoint: connect with a WebSocket client.");
                return;
            }

            if (!IsAllowedOrigin(context.Request, options.Value.AllowedOrigins))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Origin not allowed.");
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = context.Connection;
            var remote = connection.RemoteIpAddress is { } address ? new System.Net.IPEndPoint(address, connection.RemotePort) : null;
            var transport = new WebSocketTransport(socket, "w" + connection.Id, remote, options.Value.MaxFrameBytes);
            await transport.RunAsync(handler, TimeSpan.FromSeconds(options.Value.ShutdownGraceSeconds));
        });

    /// <summary>
    /// True when the request has no Origin (not a browser), comes from the page's own origin (the scheme and
    /// host the request was made to), or from one of <paramref name="allowed"/> (comma-separated; <c>*</c> allows any).
    /// </summary>
    internal static bool IsAllowedOrigin(HttpRequest request, string allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        if (string.Equals(uri.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var entry in allowed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry == "*" || string.Equals(entry.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

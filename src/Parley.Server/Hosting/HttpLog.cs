namespace Parley.Server.Hosting;

/// <summary>The HTTP listener's log lines (event ids 60 to 69).</summary>
internal static partial class HttpLog
{
    // Worded without "listening on": scripts and tests find the chat port by ServerLog.Listening's line.
    [LoggerMessage(60, LogLevel.Information, "HTTP on {Scheme}://{EndPoint}/: web client, /healthz")]
    public static partial void HttpServing(ILogger logger, string scheme, string endPoint);
}

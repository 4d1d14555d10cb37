namespace Parley.Server.Hosting;

/// <summary>The HTTP and TLS listeners' log lines (event ids 60 to 69).</summary>
internal static partial class HttpLog
{
    // Worded without "listening on": scripts and tests find the chat port by ServerLog.Listening's line.
    [LoggerMessage(60, LogLevel.Information, "HTTP on {Scheme}://{EndPoint}/: web client, /healthz, /metrics")]
    public static partial void HttpServing(ILogger logger, string scheme, string endPoint);

    [LoggerMessage(61, LogLevel.Information, "Chat over TLS on {EndPoint}")]
    public static partial void TlsChatServing(ILogger logger, string endPoint);

    [LoggerMessage(62, LogLevel.Information, "TLS certificate {Subject}, valid until {NotAfter:u}")]
    public static partial void Certificate(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(63, LogLevel.Warning, "The TLS certificate {Subject} is not valid now (valid from {NotBefore:u} to {NotAfter:u}): clients will refuse it")]
    public static partial void CertificateNotValidNow(ILogger logger, string subject, DateTime notBefore, DateTime notAfter);
}

using System.Globalization;
using Parley.Protocol;
using Parley.Server.Chat;

namespace Parley.Server.Sessions;

public sealed partial class ChatSession : IAsyncDisposable
{
    private const string RateLimitedText = "You are sending too fast; wait a moment.";

    private readonly FloodControl _flood;

    // One timer per connection, and only until login: a CancellationTokenSource on the server's clock,
    // disposed (its timer with it) as soon as the session logs in or ends.
    private CancellationTokenSource? _loginDeadline;

    /// <summary>
    /// Flood control for one request (or unreadable payload, <paramref name="request"/> null): true when it
    /// may run. Otherwise the client got <c>rate_limited</c>, or was closed for flooding and
    /// <see cref="_closeRequested"/> is set.
    /// </summary>
    private bool Admit(string? request) => _flood.TryAdmit(request ?? string.Empty) || Refuse();

    /// <summary>Answers a request flood control did not admit; always false.</summary>
    private bool Refuse()
    {
        _server.Counters.RequestRateLimited();
        if (!_flood.RecordRefusal())
        {
            SendError(ErrorCodes.RateLimited, RateLimitedText);
            return false;
        }

        _server.Counters.FloodDisconnected();
        ServerLog.FloodDisconnect(_logger, ConnectionId, Username, _flood.Refusals);
        CloseWith(Notices.Error(_server.Clock, ErrorCodes.RateLimited, "You kept sending too fast. Closing the connection."));
        return false;
    }

    private void StartLoginDeadline()
    {
        var timeout = TimeSpan.FromSeconds(_server.Options.LoginTimeoutSeconds);
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        _loginDeadline = new CancellationTokenSource(timeout, _server.Clock);
        _loginDeadline.Token.UnsafeRegister(static state => ((ChatSession)state!).LoginTimedOut(), this);
    }

    /// <summary>Releases the login timer if the session never ran to its end (it does that itself otherwise).</summary>
    public ValueTask DisposeAsync()
    {
        StopLoginDeadline();
        return ValueTask.CompletedTask;
    }

    private void StopLoginDeadline() => Interlocked.Exchange(ref _loginDeadline, null)?.Dispose();

    private void LoginTimedOut()
    {
        // A login that completes at the very deadline may still lose this race; it is told why.
        if (IsLoggedIn || _closeRequested)
        {
            return;
        }

        var timeout = TimeSpan.FromSeconds(_server.Options.LoginTimeoutSeconds);
        _server.Counters.LoginTimedOut();
        ServerLog.LoginTimeout(_logger, ConnectionId, timeout);
        CloseWith(Notices.Error(_server.Clock, ErrorCodes.LoginTimeout,
            string.Create(CultureInfo.InvariantCulture, $"No login within {timeout.TotalSeconds:0.###} s. Closing the connection; reconnect and send login <username>.")));
    }
}

namespace Parley.Server.Sessions;

/// <summary>
/// Per-connection flood control: chat messages (<c>msg</c>, <c>dm</c>) draw from a small bucket (Ergo's
/// burst 5, then 2/s), everything else from a more generous one. Refusals are counted in a window that
/// starts at the first refusal; too many and the connection is closed. Used by the read loop only.
/// </summary>
internal sealed class FloodControl
{
    private readonly TimeProvider _clock;
    private readonly int _refusalLimit;
    private readonly TimeSpan _window;
    private TokenBucket _messages;
    private TokenBucket _requests;
    private long _windowStart;
    private int _refusals;

    public FloodControl(ChatServerOptions options, TimeProvider clock)
    {
        _clock = clock;
        var now = clock.GetTimestamp();
        _messages = new TokenBucket(Math.Max(1, options.MessageBurst), Math.Max(0, options.MessagesPerSecond), now);
        _requests = new TokenBucket(Math.Max(1, options.RequestBurst), Math.Max(0, options.RequestsPerSecond), now);
        _refusalLimit = Math.Max(1, options.FloodDisconnectRefusals);
        _window = TimeSpan.FromSeconds(options.FloodWindowSeconds);
    }

    /// <summary>Refusals in the current window.</summary>
    public int Refusals => _refusals;

    /// <summary>Whether <paramref name="request"/> may run now (taking a token when it may).</summary>
    public bool TryAdmit(string request)
        => IsChatMessage(request) ? _messages.TryTake(_clock) : _requests.TryTake(_clock);

    /// <summary>Counts a refusal; true when the client has refused too often within the window and must go.</summary>
    public bool RecordRefusal()
    {
        var now = _clock.GetTimestamp();
        if (_refusals == 0 || _clock.GetElapsedTime(_windowStart, now) > _window)
        {
            _windowStart = now;
            _refusals = 0;
        }

        return ++_refusals >= _refusalLimit;
    }

    private static bool IsChatMessage(string request) => request is "msg" or "dm";
}

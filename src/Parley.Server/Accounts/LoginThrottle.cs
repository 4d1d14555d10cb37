using Microsoft.Extensions.Options;

namespace Parley.Server.Accounts;

/// <summary>
/// Counts failed password attempts per name and per address (in memory: a restart forgets them, which only
/// helps an attacker as much as a restart costs). Once a key has <see cref="ChatServerOptions.LoginFailureLimit"/>
/// failures within the window it is locked out; each further lockout of the same key doubles, up to an hour.
/// While locked, attempts are refused without checking the password, so guessing costs no hashing either.
/// </summary>
public sealed class LoginThrottle
{
    private const int SweepThreshold = 10_000;
    private static readonly TimeSpan s_maxLockout = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeSpan _lockout;

    public LoginThrottle(IOptions<ChatServerOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _limit = Math.Max(1, options.Value.LoginFailureLimit);
        _window = TimeSpan.FromSeconds(options.Value.LoginFailureWindowSeconds);
        _lockout = TimeSpan.FromSeconds(options.Value.LoginLockoutSeconds);
    }

    /// <summary>How long until <paramref name="name"/> or <paramref name="address"/> may try again; null when they may now.</summary>
    public TimeSpan? RetryAfter(string name, string? address)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var wait = Wait(NameKey(name), now);
            if (address is not null && Wait(AddressKey(address), now) is { } addressWait && (wait is null || addressWait > wait))
            {
                wait = addressWait;
            }

            return wait;
        }
    }

    public void RecordFailure(string name, string? address)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Count > SweepThreshold)
            {
                Sweep(now);
            }

            Fail(NameKey(name), now);
            if (address is not null)
            {
                Fail(AddressKey(address), now);
            }
        }
    }

    /// <summary>The owner got in: the name's count starts again (the address's does not: it may be guessing at others).</summary>
    public void RecordSuccess(string name)
    {
        lock (_gate)
        {
            _entries.Remove(NameKey(name));
        }
    }

    /// <summary>"Too many failed logins; try again in N s", with N rounded up.</summary>
    public static string Refusal(TimeSpan wait) => $"Too many failed logins; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s.";

    private TimeSpan? Wait(string key, DateTimeOffset now)
        => _entries.TryGetValue(key, out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : null;

    private void Fail(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            _entries[key] = entry = new Entry();
        }

        entry.LastFailure = now;
        entry.Failures.Enqueue(now);
        while (entry.Failures.TryPeek(out var oldest) && now - oldest > _window)
        {
            entry.Failures.Dequeue();
        }

        if (entry.Failures.Count >= _limit)
        {
            var lockout = _lockout * Math.Pow(2, Math.Min(entry.Lockouts, 16));
            entry.LockedUntil = now + (lockout < s_maxLockout ? lockout : s_maxLockout);
            entry.Lockouts++;
            entry.Failures.Clear();
        }
    }

    /// <summary>Forgets keys that are neither locked nor recently failing, so guessed names cannot grow the table forever.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries.ToArray())
        {
            if (entry.LockedUntil <= now && now - entry.LastFailure > _window)
            {
                _entries.Remove(key);
            }
        }
    }

    private static string NameKey(string name) => "name:" + name;

    private static string AddressKey(string address) => "address:" + address;

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public int Lockouts { get; set; }
    }
}

using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// How interactive mode gets its connection back (pipe mode has none: a lost connection ends it with exit
/// code 3). <see cref="ConnectAsync"/> opens a new connection to the same server; <see cref="Time"/> and the
/// policy's base delay are the seams that let tests reconnect without waiting seconds.
/// </summary>
internal sealed record ReconnectOptions(string Endpoint, Func<CancellationToken, Task<ChatConnection>> ConnectAsync)
{
    /// <summary>Set to a number of milliseconds to shorten the backoff's base delay; a testing aid, named in <c>--help</c>.</summary>
    public const string BaseDelayVariable = "PARLEY_RECONNECT_BASE_MS";

    public ReconnectPolicy Policy { get; init; } = ReconnectPolicy.Default;

    public Random Random { get; init; } = Random.Shared;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// How often a re-login answered <c>name_taken</c> is tried again: our old session may still hold the name on
    /// a server slower than Parley's to notice the drop. Any other refusal (banned, bad password) is final.
    /// </summary>
    public int NameTakenRetries { get; init; } = 5;

    /// <summary>The longest wait for an answer while restoring the session; past it the attempt counts as failed.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait for the history after a login or join: some peer servers never send one.</summary>
    public TimeSpan HistoryWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The policy scaled by <see cref="BaseDelayVariable"/> when it holds a positive number: that base, and a cap
    /// 30 times it (as 30 s is to 1 s), so a test never waits long however slowly its server restarts.
    /// </summary>
    public static ReconnectPolicy PolicyFromEnvironment()
        => int.TryParse(Environment.GetEnvironmentVariable(BaseDelayVariable), System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? ReconnectPolicy.Default with { BaseDelay = TimeSpan.FromMilliseconds(ms), MaxDelay = TimeSpan.FromMilliseconds(30.0 * ms) }
            : ReconnectPolicy.Default;
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Parley.Bench;

internal sealed record LoginOptions(
    string Server, string Mode, Dialect Dialect, IPEndPoint EndPoint, int Clients, int Concurrency, int? ServerPid);

internal sealed record LoginResult(
    string Server,
    string Mode,
    int Clients,
    int Concurrency,
    int LoggedIn,
    int Failed,
    string? FirstFailure,
    double Seconds,
    double LoginsPerSecond,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double? ServerCpuMsPerLogin);

/// <summary>
/// Workload 3, logins: clients connect and log in, at most <c>Concurrency</c> at a time, and each one's time
/// from the TCP connect to the end of its handshake (<see cref="Dialect.Goal"/>) is recorded. Mode
/// <c>room</c>: into #bench, and they stay (the room grows to all of them, and every join is announced to
/// everyone already in it); <c>registrations</c> and <c>accounts</c>: logged in (IRC: registered), or with an
/// account registered, then a polite goodbye, so the server holds only the clients in flight.
/// </summary>
internal static class LoginWorkload
{
    private static readonly TimeSpan s_loginTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_goodbyeTimeout = TimeSpan.FromSeconds(10);

    public static async Task<LoginResult> RunAsync(LoginOptions options, CancellationToken cancellationToken)
    {
        var stay = options.Dialect.Goal == LoginGoal.InRoom;
        var latency = new LatencyRecorder();
        var unused = new LatencyRecorder(); // the members' delivery recorder: nobody publishes here
        var stayed = new ConcurrentBag<(Member Member, Task Reader)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failed = 0;
        string? firstFailure = null;
        var startCpu = CpuSampler.CpuSeconds(options.ServerPid);
        var timer = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Clients),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(s_loginTimeout);
                var start = Stopwatch.GetTimestamp();
                Member member;
                try
                {
                    member = await Member.ConnectAsync(options.EndPoint, options.Dialect, unused, i, -1, timeout.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or InvalidOperationException
                    || (e is OperationCanceledException && !token.IsCancellationRequested))
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, $"u{i}: {e.Message}", null);
                    return;
                }

                latency.Record(Stopwatch.GetTimestamp() - start);
                if (stay)
                {
                    // Reading on keeps the join notices flowing and answers the daemons' PINGs.
                    stayed.Add((member, member.RunAsync(stop.Token)));
                    return;
                }

                await LeaveAsync(member, options.Dialect, token);
            });
        var seconds = timer.Elapsed.TotalSeconds;
        var endCpu = CpuSampler.CpuSeconds(options.ServerPid);

        await stop.CancelAsync();
        await Task.WhenAll(stayed.Select(s => s.Reader));
        foreach (var (member, _) in stayed)
        {
            await member.DisposeAsync();
        }

        var histogram = LatencyRecorder.NewHistogram();
        latency.Drain(histogram);
        var (p50, p99, p999, max) = LatencyRecorder.Milliseconds(histogram);
        var loggedIn = options.Clients - failed;
        var result = new LoginResult(
            options.Server,
            options.Mode,
            options.Clients,
            options.Concurrency,
            loggedIn,
            failed,
            firstFailure,
            seconds,
            loggedIn / seconds,
            p50,
            p99,
            p999,
            max,
            startCpu is { } a && endCpu is { } b && loggedIn > 0 ? 1000 * (b - a) / loggedIn : null);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Server} {options.Mode}: {loggedIn:N0} of {options.Clients:N0} in {seconds:F1} s, {options.Concurrency} at a time: {result.LoginsPerSecond:N0}/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, max {result.MaxMs:F2} ms; server CPU {result.ServerCpuMsPerLogin:F2} ms each{(failed > 0 ? $"; {failed} failed, first: {firstFailure}" : "")}"));
        return result;
    }

    /// <summary>Logout (IRC: QUIT) and read until the server closes, so the server, not a reset, ends it.</summary>
    private static async Task LeaveAsync(Member member, Dialect dialect, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_goodbyeTimeout);
        try
        {
            await member.Socket.SendAsync(dialect.Goodbye, timeout.Token);
            await member.RunAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Already closed, or slow to close: the login was counted, the goodbye is not measured.
        }
        finally
        {
            await member.DisposeAsync();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Parley.Bench;

internal sealed record IdleResult(
    string Server, int Connections, double BaselineRssKiB, double LoadedRssKiB, double KiBPerConnection, double ConnectSeconds);

/// <summary>
/// Workload 2, idle connections: N clients log in (IRC: register) and stay silent, in no room; the server's
/// resident memory before and after, per connection.
/// </summary>
internal static class IdleWorkload
{
    private const int ConnectConcurrency = 50;

    public static async Task<IdleResult> RunAsync(
        string server, Dialect dialect, IPEndPoint endPoint, int connections, int serverPid, CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        var baseline = RssKiB(serverPid);
        var members = new Member[connections];
        var readers = new Task[connections];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(ConnectConcurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    members[i] = await Member.ConnectAsync(endPoint, dialect, latency, i, -1, cancellationToken);
                    // Read from the start: a member that is deaf until the last login would not answer the
                    // daemons' PINGs, and a long login phase would get it dropped.
                    readers[i] = members[i].RunAsync(stop.Token);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var connectSeconds = timer.Elapsed.TotalSeconds;
        // Let the server settle (history sends, buffers returned) before reading its memory.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var loaded = RssKiB(serverPid);
        var failed = members.Count(m => m.Failure is not null);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var member in members)
        {
            await member.DisposeAsync();
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} idle connections were closed by the server");
        }

        var result = new IdleResult(server, connections, baseline, loaded, (loaded - baseline) / connections, connectSeconds);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{server}: {connections:N0} idle logged-in connections in {connectSeconds:F1} s; RSS {baseline:N0} -> {loaded:N0} KiB, {result.KiBPerConnection:F2} KiB each"));
        return result;
    }

    private static double RssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }
}

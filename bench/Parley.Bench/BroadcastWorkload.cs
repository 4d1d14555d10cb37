using System.Diagnostics;
using System.Globalization;
using System.Net;
using HdrHistogram;

namespace Parley.Bench;

internal sealed record BroadcastOptions(
    string Server,
    Dialect Dialect,
    IReadOnlyList<IPEndPoint> EndPoints,
    int Members,
    int Publishers,
    int TextBytes,
    IReadOnlyList<double> OfferedSteps,
    double StepSeconds,
    double WarmupSeconds,
    IReadOnlyList<int> ServerPids,
    IReadOnlyList<(string Name, int Pid)> Watched);

/// <summary>
/// Workload 1, room broadcast: N members in one room, P of them publish at a stepped offered rate until
/// deliveries fall under 95% of offered or anyone is disconnected. Over several endpoints (the nodes of a
/// cluster) member i connects to endpoint i mod count, so the publishers (members 0 to P-1) are spread too;
/// deliveries are counted per member wherever it is connected.
/// </summary>
internal static class BroadcastWorkload
{
    private const double PassRatio = 0.95;
    private const double P99LimitMs = 50;
    private const int ConnectConcurrency = 50;

    public static async Task<RunResult> RunAsync(BroadcastOptions options, CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        var members = new Member[options.Members];
        var connectTimer = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(ConnectConcurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Members).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    members[i] = await Member.ConnectAsync(
                        options.EndPoints[i % options.EndPoints.Count], options.Dialect, latency, i, i < options.Publishers ? i : -1, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Console.WriteLine(Invariant($"{options.Server}: {options.Members} members on {options.EndPoints.Count} port(s) in #bench after {connectTimer.Elapsed.TotalSeconds:F1} s"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = members.Select(m => m.RunAsync(stop.Token)).ToArray();
        var publishers = Enumerable.Range(0, options.Publishers)
            .Select(p => new Publisher(members[p], options.Dialect.PublishFrame, p, options.TextBytes)).ToArray();
        var sending = publishers.Select(p => p.RunAsync(stop.Token)).ToArray();

        // Let the join notices drain before the first step.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var steps = new List<StepResult>();
        string? stopReason = null;
        foreach (var offered in options.OfferedSteps)
        {
            var step = await RunStepAsync(options, members, publishers, latency, offered, cancellationToken);
            steps.Add(step);
            if (!step.Passed)
            {
                stopReason = step.Disconnected > 0
                    ? Invariant($"{step.Disconnected} disconnected: {members.First(m => m.Failure is not null).Failure}")
                    : Invariant($"deliveries {step.DeliveriesPerSecond:N0}/s under 95% of offered {offered:N0}/s");
                break;
            }
        }

        foreach (var publisher in publishers)
        {
            publisher.SetRate(0);
        }

        await stop.CancelAsync();
        await Task.WhenAll(sending.Concat(readers));
        foreach (var member in members)
        {
            await member.DisposeAsync();
        }

        var passed = steps.Where(s => s.Passed).ToList();
        return new RunResult(
            options.Server,
            options.Dialect.Name,
            options.Members,
            options.Publishers,
            options.TextBytes,
            options.StepSeconds,
            steps,
            passed.Select(s => s.DeliveriesPerSecond).DefaultIfEmpty(0).Max(),
            passed.Where(s => s.P99Ms <= P99LimitMs).Select(s => s.DeliveriesPerSecond).DefaultIfEmpty(0).Max(),
            steps.FirstOrDefault(s => Math.Abs(s.OfferedDeliveriesPerSecond - 100_000) < 1)?.ServerCpuPercent,
            stopReason,
            options.EndPoints.Count);
    }

    private static async Task<StepResult> RunStepAsync(
        BroadcastOptions options, Member[] members, Publisher[] publishers, LatencyRecorder latency, double offered, CancellationToken cancellationToken)
    {
        var messagesPerSecond = offered / (options.Members - 1);
        foreach (var publisher in publishers)
        {
            publisher.SetRate(messagesPerSecond / publishers.Length);
        }

        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), cancellationToken);
        latency.Drain(null);
        var histogram = LatencyRecorder.NewHistogram();
        var startDeliveries = members.Sum(m => m.Deliveries);
        var startReads = members.Sum(m => m.Reads);
        var startSent = publishers.Sum(p => p.Sent);
        var startCpu = CpuSampler.CpuSeconds(options.ServerPids);
        var startGenerator = Environment.CpuUsage.TotalTime.TotalSeconds;
        var startWatched = options.Watched.Select(w => CpuSampler.TreeCpuSeconds(w.Pid)).ToList();
        var timer = Stopwatch.StartNew();
        var measure = options.StepSeconds - options.WarmupSeconds;
        while (timer.Elapsed.TotalSeconds < measure)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, measure - timer.Elapsed.TotalSeconds)), cancellationToken);
            latency.Drain(histogram);
            var seconds = timer.Elapsed.TotalSeconds;
            Console.WriteLine(Invariant(
                $"  offered {offered,11:N0}/s ({messagesPerSecond:N0} msg/s)  delivered {(members.Sum(m => m.Deliveries) - startDeliveries) / seconds,11:N0}/s  p99 {histogram.GetValueAtPercentile(99) / 1000.0,8:F2} ms"));
            if (members.Any(m => m.Failure is not null))
            {
                break;
            }
        }

        var elapsed = timer.Elapsed.TotalSeconds;
        var endCpu = CpuSampler.CpuSeconds(options.ServerPids);
        var endGenerator = Environment.CpuUsage.TotalTime.TotalSeconds;
        var watched = options.Watched
            .Select((w, i) => (w.Name, Seconds: CpuSampler.Delta(startWatched[i], CpuSampler.TreeCpuSeconds(w.Pid))))
            .Where(w => w.Seconds is not null)
            .ToDictionary(w => w.Name, w => 100 * w.Seconds!.Value / elapsed, StringComparer.Ordinal);
        var delivered = (members.Sum(m => m.Deliveries) - startDeliveries) / elapsed;
        var sent = (publishers.Sum(p => p.Sent) - startSent) / elapsed;
        var reads = members.Sum(m => m.Reads) - startReads;
        var disconnected = members.Count(m => m.Failure is not null);
        var passed = disconnected == 0 && delivered >= PassRatio * offered;
        var step = new StepResult(
            offered,
            sent,
            delivered,
            histogram.GetValueAtPercentile(50) / 1000.0,
            histogram.GetValueAtPercentile(99) / 1000.0,
            histogram.GetValueAtPercentile(99.9) / 1000.0,
            histogram.GetMaxValue() / 1000.0,
            startCpu is { } a && endCpu is { } b ? 100 * (b - a) / elapsed : null,
            disconnected,
            passed,
            100 * (endGenerator - startGenerator) / elapsed,
            watched.Count > 0 ? watched : null,
            reads > 0 ? delivered * elapsed / reads : null);
        Console.WriteLine(Invariant(
            $"{options.Server} step {offered:N0}/s: delivered {delivered:N0}/s, p99 {step.P99Ms:F2} ms, server CPU {step.ServerCpuPercent:F0}%{string.Concat(watched.Select(w => Invariant($", {w.Key} {w.Value:F0}%")))}, generator {step.GeneratorCpuPercent:F0}%, {step.DeliveriesPerRead:F2} deliveries per read -> {(passed ? "pass" : "FAIL")}"));
        return step;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Parley.Bench;

internal sealed record LatencyOptions(
    string Server, Dialect Dialect, IPEndPoint EndPoint, IReadOnlyList<double> Rates, double StepSeconds, int TextBytes, int? ServerPid);

internal sealed record LatencyStep(
    double OfferedPerSecond,
    long Offered,
    long Delivered,
    double DeliveredRatio,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double SendLagP99Ms,
    double? ServerCpuPercent);

internal sealed record LatencyResult(
    string Server, string Protocol, int TextBytes, double StepSeconds, IReadOnlyList<LatencyStep> Steps, string? StopReason);

/// <summary>
/// Workload 4, 1:1 latency: one sender sends direct messages (Parley: <c>dm</c>; IRC: PRIVMSG to a nick) to
/// one receiver at a fixed offered rate, open loop, each message carrying its due time; the receiver records
/// due-to-read latency. Each rate sends exactly rate x seconds messages, then waits for the last ones to arrive
/// (or <see cref="DrainSeconds"/>), so the steps do not overlap and delivered/offered is exact.
/// </summary>
internal static class LatencyWorkload
{
    private const double DrainSeconds = 5;
    private const double WarmupSeconds = 1;

    public static async Task<LatencyResult> RunAsync(LatencyOptions options, CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        var sendLag = new LatencyRecorder();
        // The receiver first: a direct message needs its recipient online.
        var receiver = await Member.ConnectAsync(options.EndPoint, options.Dialect, latency, 1, -1, cancellationToken);
        var sender = await Member.ConnectAsync(options.EndPoint, options.Dialect, latency, 0, 0, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The sender reads too: Parley echoes each direct message to it (ignored), and the daemons may PING.
        var readers = new[] { receiver.RunAsync(stop.Token), sender.RunAsync(stop.Token) };
        var publisher = new Publisher(sender, options.Dialect.DirectFrame(receiver.Name), 0, options.TextBytes, sendLag);
        var sending = publisher.RunPreciseAsync(stop.Token);

        // JIT on both sides and the server's first writes, not recorded.
        var step = await RunStepAsync(options, receiver, sender, publisher, latency, sendLag, options.Rates.Min(), WarmupSeconds, cancellationToken);
        Console.WriteLine(Invariant($"{options.Server}: warm-up {step.Delivered:N0} of {step.Offered:N0} delivered, p99 {step.P99Ms:F2} ms"));
        var steps = new List<LatencyStep>();
        string? stopReason = null;
        foreach (var rate in options.Rates)
        {
            step = await RunStepAsync(options, receiver, sender, publisher, latency, sendLag, rate, options.StepSeconds, cancellationToken);
            steps.Add(step);
            Console.WriteLine(Invariant(
                $"{options.Server} {rate,6:N0} msg/s: delivered {step.Delivered:N0}/{step.Offered:N0}, p50 {step.P50Ms:F3} ms, p99 {step.P99Ms:F3} ms, p99.9 {step.P999Ms:F3} ms, max {step.MaxMs:F3} ms; send lag p99 {step.SendLagP99Ms:F3} ms; server CPU {step.ServerCpuPercent:F0}%"));
            if ((receiver.Failure ?? sender.Failure) is { } failure)
            {
                stopReason = $"disconnected: {failure}";
                break;
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers.Append(sending));
        await receiver.DisposeAsync();
        await sender.DisposeAsync();
        return new LatencyResult(options.Server, options.Dialect.Name, options.TextBytes, options.StepSeconds, steps, stopReason);
    }

    private static async Task<LatencyStep> RunStepAsync(
        LatencyOptions options,
        Member receiver,
        Member sender,
        Publisher publisher,
        LatencyRecorder latency,
        LatencyRecorder sendLag,
        double rate,
        double seconds,
        CancellationToken cancellationToken)
    {
        var offered = (long)Math.Round(rate * seconds);
        var startDelivered = receiver.Deliveries;
        latency.Drain(null);
        sendLag.Drain(null);
        var startCpu = CpuSampler.CpuSeconds(options.ServerPid);
        var timer = Stopwatch.StartNew();
        publisher.SetRate(rate, offered);
        while (receiver.Deliveries - startDelivered < offered && timer.Elapsed.TotalSeconds < seconds + DrainSeconds
            && receiver.Failure is null && sender.Failure is null)
        {
            await Task.Delay(10, cancellationToken);
        }

        publisher.SetRate(0);
        var elapsed = timer.Elapsed.TotalSeconds;
        var endCpu = CpuSampler.CpuSeconds(options.ServerPid);
        var histogram = LatencyRecorder.NewHistogram();
        latency.Drain(histogram);
        var lag = LatencyRecorder.NewHistogram();
        sendLag.Drain(lag);
        var delivered = receiver.Deliveries - startDelivered;
        var (p50, p99, p999, max) = LatencyRecorder.Milliseconds(histogram);
        return new LatencyStep(
            rate,
            offered,
            delivered,
            (double)delivered / offered,
            p50,
            p99,
            p999,
            max,
            LatencyRecorder.Milliseconds(lag).P99,
            startCpu is { } a && endCpu is { } b ? 100 * (b - a) / elapsed : null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

namespace Parley.Bench;

internal sealed record LatencySummaryRow(
    double OfferedPerSecond,
    string Server,
    int Runs,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double DeliveredRatio,
    double SendLagP99Ms,
    double? ServerCpuPercent);

/// <summary>Workload 4: medians over runs per offered rate and server, and the issue's target.</summary>
internal static class LatencySummary
{
    private const double TargetRate = 1000;
    private const double TargetP99Ms = 2;

    public static void Write(IReadOnlyList<string> files, string output)
    {
        var rows = SummaryTable.Load(files, BenchJsonContext.Default.LatencyResult)
            .SelectMany(r => r.Steps.Select(s => (r.Server, Step: s)))
            .GroupBy(x => (x.Step.OfferedPerSecond, x.Server))
            .Select(g => new LatencySummaryRow(
                g.Key.OfferedPerSecond,
                g.Key.Server,
                g.Count(),
                SummaryTable.Median(g.Select(x => x.Step.P50Ms)),
                SummaryTable.Median(g.Select(x => x.Step.P99Ms)),
                SummaryTable.Median(g.Select(x => x.Step.P999Ms)),
                SummaryTable.Median(g.Select(x => x.Step.MaxMs)),
                g.Min(x => x.Step.DeliveredRatio),
                SummaryTable.Median(g.Select(x => x.Step.SendLagP99Ms)),
                g.All(x => x.Step.ServerCpuPercent is not null) ? SummaryTable.Median(g.Select(x => x.Step.ServerCpuPercent!.Value)) : null))
            .OrderBy(r => r.OfferedPerSecond).ThenBy(r => r.Server, StringComparer.Ordinal)
            .ToList();
        SummaryTable.Save(output, rows, BenchJsonContext.Default.ListLatencySummaryRow);

        SummaryTable.Print(
            ["offered msg/s", "<server", "runs", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "delivered/offered (worst run)", "generator send lag p99 ms", "server CPU %"],
            rows.Select(row => (IReadOnlyList<string>)
            [
                SummaryTable.Text($"{row.OfferedPerSecond:N0}"), row.Server, SummaryTable.Text($"{row.Runs}"),
                SummaryTable.Text($"{row.P50Ms:F3}"), SummaryTable.Text($"{row.P99Ms:F3}"), SummaryTable.Text($"{row.P999Ms:F3}"),
                SummaryTable.Text($"{row.MaxMs:F3}"), SummaryTable.Text($"{row.DeliveredRatio:F4}"), SummaryTable.Text($"{row.SendLagP99Ms:F3}"),
                SummaryTable.Text($"{row.ServerCpuPercent:F0}"),
            ]));
        if (rows.FirstOrDefault(r => r.Server == "parley" && r.OfferedPerSecond == TargetRate) is { } parley)
        {
            Console.WriteLine();
            Console.WriteLine(SummaryTable.Text(
                $"Target: Parley p99 < {TargetP99Ms} ms at {TargetRate:N0} msg/s: {parley.P99Ms:F3} ms, {(parley.P99Ms < TargetP99Ms ? "met" : "missed")}."));
        }
    }
}

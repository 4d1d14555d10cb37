namespace Parley.Bench;

internal sealed record ClusterSummaryRow(
    string Server,
    int Nodes,
    int Runs,
    double MaxDeliveriesPerSecond,
    double MaxDeliveriesPerSecondP99Under50Ms,
    double? CpuPercentAt100k,
    double? DeliveriesPerReadAt100k,
    double LastOfferedDeliveriesPerSecond,
    double? LastStepServerCpuPercent,
    double? LastStepRedisCpuPercent,
    double? LastStepPostgresCpuPercent,
    double? LastStepGeneratorCpuPercent);

/// <summary>
/// The broadcast workload against 1, 2 and 3 nodes of a cluster (bench/run-cluster.sh): medians over runs per
/// setup, each against the 1-node cluster of the same sweep, and where the CPU went in the last step a run
/// reached (the one that failed, or the top step): the nodes together, redis-server, PostgreSQL (the
/// postmaster and its backends) and the generator.
/// </summary>
internal static class ClusterSummary
{
    private const string Base = "cluster-1";

    public static void Write(IReadOnlyList<string> files, string output)
    {
        var rows = SummaryTable.Load(files, BenchJsonContext.Default.RunResult)
            .GroupBy(r => (r.Server, r.Ports))
            .Select(g => new ClusterSummaryRow(
                g.Key.Server,
                g.Key.Ports,
                g.Count(),
                SummaryTable.Median(g.Select(r => r.MaxDeliveriesPerSecond)),
                SummaryTable.Median(g.Select(r => r.MaxDeliveriesPerSecondP99Under50Ms)),
                MedianOrNull(g.Select(r => r.CpuPercentAt100k)),
                MedianOrNull(g.Select(r => r.Steps.FirstOrDefault(s => Math.Abs(s.OfferedDeliveriesPerSecond - 100_000) < 1)?.DeliveriesPerRead)),
                SummaryTable.Median(g.Select(r => r.Steps[^1].OfferedDeliveriesPerSecond)),
                MedianOrNull(g.Select(r => r.Steps[^1].ServerCpuPercent)),
                MedianOrNull(g.Select(r => Watched(r, "redis"))),
                MedianOrNull(g.Select(r => Watched(r, "postgres"))),
                MedianOrNull(g.Select(r => r.Steps[^1].GeneratorCpuPercent))))
            .OrderBy(r => r.Server == Base ? 0 : 1).ThenBy(r => r.Nodes).ThenBy(r => r.Server, StringComparer.Ordinal)
            .ToList();
        SummaryTable.Save(output, rows, BenchJsonContext.Default.ListClusterSummaryRow);

        var baseline = rows.FirstOrDefault(r => r.Server == Base);
        SummaryTable.Print(
            [
                "<setup", "nodes", "runs", "max deliveries/s", "max with p99 ≤ 50 ms", $"max ÷ {Base}", $"p99 ≤ 50 ms ÷ {Base}",
                "nodes' CPU % at 100k/s", "deliveries per read at 100k/s", "last step offered", "last step: nodes' CPU %", "redis %", "postgres %", "generator %",
            ],
            rows.Select(row => (IReadOnlyList<string>)
            [
                row.Server, SummaryTable.Text($"{row.Nodes}"), SummaryTable.Text($"{row.Runs}"),
                SummaryTable.Text($"{row.MaxDeliveriesPerSecond:N0}"), SummaryTable.Text($"{row.MaxDeliveriesPerSecondP99Under50Ms:N0}"),
                Ratio(row.MaxDeliveriesPerSecond, baseline?.MaxDeliveriesPerSecond),
                Ratio(row.MaxDeliveriesPerSecondP99Under50Ms, baseline?.MaxDeliveriesPerSecondP99Under50Ms),
                SummaryTable.Text($"{row.CpuPercentAt100k:F0}"), SummaryTable.Text($"{row.DeliveriesPerReadAt100k:F2}"),
                SummaryTable.Text($"{row.LastOfferedDeliveriesPerSecond:N0}"),
                SummaryTable.Text($"{row.LastStepServerCpuPercent:F0}"), SummaryTable.Text($"{row.LastStepRedisCpuPercent:F0}"),
                SummaryTable.Text($"{row.LastStepPostgresCpuPercent:F0}"), SummaryTable.Text($"{row.LastStepGeneratorCpuPercent:F0}"),
            ]));
    }

    private static double? Watched(RunResult run, string name) =>
        run.Steps[^1].WatchedCpuPercent is { } watched && watched.TryGetValue(name, out var percent) ? percent : null;

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : SummaryTable.Median(known);
    }

    private static string Ratio(double value, double? baseline) => baseline is > 0 ? SummaryTable.Text($"{value / baseline.Value:F2}x") : "";
}

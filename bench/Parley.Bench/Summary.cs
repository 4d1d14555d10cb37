namespace Parley.Bench;

/// <summary>Medians over runs of the same server and configuration, as JSON, a Markdown table and a chart.</summary>
internal static class Summary
{
    public static void Write(IReadOnlyList<string> files, string output, string? chart)
    {
        var runs = SummaryTable.Load(files, BenchJsonContext.Default.RunResult);
        var rows = runs
            .GroupBy(r => (r.Server, r.Members, r.TextBytes))
            .Select(g => new SummaryRow(
                g.Key.Server,
                g.Key.Members,
                g.Key.TextBytes,
                g.Count(),
                SummaryTable.Median(g.Select(r => r.MaxDeliveriesPerSecond)),
                SummaryTable.Median(g.Select(r => r.MaxDeliveriesPerSecondP99Under50Ms)),
                g.All(r => r.CpuPercentAt100k is not null) ? SummaryTable.Median(g.Select(r => r.CpuPercentAt100k!.Value)) : null))
            .OrderByDescending(r => r.Members).ThenBy(r => r.TextBytes).ThenBy(r => r.Server, StringComparer.Ordinal)
            .ToList();
        SummaryTable.Save(output, rows, BenchJsonContext.Default.ListSummaryRow);

        SummaryTable.Print(
            ["members", "text bytes", "<server", "runs", "max deliveries/s", "max with p99 ≤ 50 ms", "CPU % at 100k/s", "ratio at p99 ≤ 50 ms vs better daemon"],
            rows.Select(row =>
            {
                var daemons = rows.Where(r => r.Members == row.Members && r.TextBytes == row.TextBytes && r.Server != "parley").ToList();
                var best = daemons.Select(r => r.MaxDeliveriesPerSecondP99Under50Ms).DefaultIfEmpty(0).Max();
                var ratio = row.Server == "parley" && best > 0 ? SummaryTable.Text($"{row.MaxDeliveriesPerSecondP99Under50Ms / best:F2}x") : "";
                return (IReadOnlyList<string>)
                [
                    SummaryTable.Text($"{row.Members:N0}"), SummaryTable.Text($"{row.TextBytes}"), row.Server, SummaryTable.Text($"{row.Runs}"),
                    SummaryTable.Text($"{row.MaxDeliveriesPerSecond:N0}"), SummaryTable.Text($"{row.MaxDeliveriesPerSecondP99Under50Ms:N0}"),
                    SummaryTable.Text($"{row.CpuPercentAt100k:F0}"), ratio,
                ];
            }));

        if (chart is not null)
        {
            Chart(rows, chart);
        }
    }

    private static void Chart(List<SummaryRow> rows, string path)
    {
        // Per configuration and server, two bars: the maximum deliveries/s (solid) and the maximum with
        // p99 at most 50 ms (light), both medians over runs.
        var configurations = rows.Select(r => (r.Members, r.TextBytes)).Distinct().ToList();
        var servers = rows.Select(r => r.Server).Distinct().Order(StringComparer.Ordinal).ToList();
        var group = servers.Count * 2 + 1;
        var plot = new ScottPlot.Plot();
        for (var s = 0; s < servers.Count; s++)
        {
            var color = ScottPlot.Palette.Default.GetColor(s);
            var maximum = new List<ScottPlot.Bar>();
            var underLimit = new List<ScottPlot.Bar>();
            for (var c = 0; c < configurations.Count; c++)
            {
                var row = rows.FirstOrDefault(r => r.Server == servers[s] && (r.Members, r.TextBytes) == configurations[c]);
                maximum.Add(new ScottPlot.Bar { Position = c * group + 2 * s, Value = (row?.MaxDeliveriesPerSecond ?? 0) / 1e6, FillColor = color });
                underLimit.Add(new ScottPlot.Bar
                {
                    Position = c * group + 2 * s + 1,
                    Value = (row?.MaxDeliveriesPerSecondP99Under50Ms ?? 0) / 1e6,
                    FillColor = color.WithAlpha(0.45),
                });
            }

            plot.Add.Bars(maximum).LegendText = $"{servers[s]}: max";
            plot.Add.Bars(underLimit).LegendText = $"{servers[s]}: max with p99 ≤ 50 ms";
        }

        var ticks = configurations
            .Select((c, i) => new ScottPlot.Tick(i * group + (group - 2) / 2.0, $"{c.Members:N0} members, {c.TextBytes} B"))
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        var top = rows.Select(r => r.MaxDeliveriesPerSecond / 1e6).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, Math.Max(top, 0.1) * 1.3);
        plot.YLabel("million deliveries/s");
        plot.Title("Room broadcast, each server on one core (medians)");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 1000, 520);
    }
}

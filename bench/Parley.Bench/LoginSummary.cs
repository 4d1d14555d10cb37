namespace Parley.Bench;

internal sealed record LoginSummaryRow(
    string Mode, string Server, int Clients, int Runs, double LoginsPerSecond, double P50Ms, double P99Ms, int Failed, double? ServerCpuMsPerLogin);

/// <summary>Workload 3: medians over runs per mode and server.</summary>
internal static class LoginSummary
{
    private static readonly string[] s_modes = ["room", "registrations", "accounts"];

    public static void Write(IReadOnlyList<string> files, string output)
    {
        var rows = SummaryTable.Load(files, BenchJsonContext.Default.LoginResult)
            .GroupBy(r => (r.Mode, r.Server, r.Clients))
            .Select(g => new LoginSummaryRow(
                g.Key.Mode,
                g.Key.Server,
                g.Key.Clients,
                g.Count(),
                SummaryTable.Median(g.Select(r => r.LoginsPerSecond)),
                SummaryTable.Median(g.Select(r => r.P50Ms)),
                SummaryTable.Median(g.Select(r => r.P99Ms)),
                g.Sum(r => r.Failed),
                g.All(r => r.ServerCpuMsPerLogin is not null) ? SummaryTable.Median(g.Select(r => r.ServerCpuMsPerLogin!.Value)) : null))
            .OrderBy(r => Array.IndexOf(s_modes, r.Mode)).ThenBy(r => r.Server, StringComparer.Ordinal)
            .ToList();
        SummaryTable.Save(output, rows, BenchJsonContext.Default.ListLoginSummaryRow);

        SummaryTable.Print(
            ["<workload", "clients", "<server", "runs", "logins/s", "p50 ms", "p99 ms", "failed (all runs)", "server CPU ms per login", "logins/s vs better daemon"],
            rows.Select(row =>
            {
                var best = rows.Where(r => r.Mode == row.Mode && r.Server != "parley").Select(r => r.LoginsPerSecond).DefaultIfEmpty(0).Max();
                var ratio = row.Server == "parley" && best > 0 ? SummaryTable.Text($"{row.LoginsPerSecond / best:F2}x") : "";
                return (IReadOnlyList<string>)
                [
                    row.Mode, SummaryTable.Text($"{row.Clients:N0}"), row.Server, SummaryTable.Text($"{row.Runs}"),
                    SummaryTable.Text($"{row.LoginsPerSecond:N0}"), SummaryTable.Text($"{row.P50Ms:F1}"), SummaryTable.Text($"{row.P99Ms:F1}"),
                    SummaryTable.Text($"{row.Failed}"), SummaryTable.Text($"{row.ServerCpuMsPerLogin:F2}"), ratio,
                ];
            }));
    }
}

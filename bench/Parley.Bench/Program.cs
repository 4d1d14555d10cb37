using System.Globalization;
using System.Net;
using System.Text.Json;
using Parley.Bench;

// Usage:
//   Parley.Bench broadcast --server NAME --protocol parley|irc --port P [--host 127.0.0.1] [--members 1000]
//                [--publishers 4] [--text-bytes 100] [--steps 100000,250000,...] [--step-seconds 5]
//                [--warmup-seconds 1] [--server-pid PID] [--irc-oper name:password] [--out result.json]
//   Parley.Bench idle --server NAME --protocol parley|irc --port P --server-pid PID [--connections 10000] [--out f.json]
//   Parley.Bench summarize --out summary.json [--chart docs/broadcast.png] result1.json result2.json ...
// Steps are offered deliveries per second (messages/s x (members - 1)).
if (args.Length == 0 || args[0] is not ("broadcast" or "summarize" or "idle"))
{
    Console.Error.WriteLine("usage: Parley.Bench broadcast|summarize|idle [options] (see bench/run.sh, bench/run-idle.sh)");
    return 2;
}

if (args[0] == "summarize")
{
    var files = args.Where((a, i) => i > 0 && a.EndsWith(".json", StringComparison.Ordinal) && args[i - 1] != "--out").ToList();
    Summary.Write(files, Option("--out", "summary.json"), OptionOrNull("--chart"));
    return 0;
}

var protocol = Option("--protocol", "parley");
if (args[0] == "idle")
{
    var idle = await IdleWorkload.RunAsync(
        Option("--server", protocol),
        Dialect.Create(protocol, null, joinRoom: false),
        new IPEndPoint(IPAddress.Parse(Option("--host", "127.0.0.1")), Int("--port", 0)),
        Int("--connections", 10_000),
        Int("--server-pid", 0),
        CancellationToken.None);
    if (OptionOrNull("--out") is { } idleOutput)
    {
        await File.WriteAllTextAsync(idleOutput, JsonSerializer.Serialize(idle, BenchJsonContext.Default.IdleResult));
    }

    return 0;
}

var options = new BroadcastOptions(
    Option("--server", protocol),
    Dialect.Create(protocol, OptionOrNull("--irc-oper")),
    new IPEndPoint(IPAddress.Parse(Option("--host", "127.0.0.1")), Int("--port", 0)),
    Int("--members", 1000),
    Int("--publishers", 4),
    Int("--text-bytes", 100),
    Option("--steps", "100000,250000,500000,750000,1000000,1250000,1500000,2000000,2500000,3000000,4000000,5000000")
        .Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList(),
    double.Parse(Option("--step-seconds", "5"), CultureInfo.InvariantCulture),
    double.Parse(Option("--warmup-seconds", "1"), CultureInfo.InvariantCulture),
    OptionOrNull("--server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null);

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var result = await BroadcastWorkload.RunAsync(options, cancel.Token);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{result.Server}: max {result.MaxDeliveriesPerSecond:N0} deliveries/s; with p99 <= 50 ms {result.MaxDeliveriesPerSecondP99Under50Ms:N0}/s; CPU at 100k/s {result.CpuPercentAt100k:F0}%; stop: {result.StopReason}"));
if (OptionOrNull("--out") is { } output)
{
    await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, BenchJsonContext.Default.RunResult));
}

return 0;

string Option(string name, string fallback) => OptionOrNull(name) ?? fallback;

string? OptionOrNull(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int Int(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

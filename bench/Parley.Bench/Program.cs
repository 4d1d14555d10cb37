using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Parley.Bench;

// Usage:
//   Parley.Bench broadcast --server NAME --protocol parley|irc --port P|--ports P1,P2,... [--host 127.0.0.1] [--members 1000]
//                [--publishers 4] [--text-bytes 100] [--steps 100000,250000,...] [--step-seconds 5]
//                [--warmup-seconds 1] [--server-pid PID[,PID...]] [--watch-pid NAME=PID[,NAME=PID...]]
//                [--irc-oper name:password] [--out result.json]
//   Parley.Bench idle --server NAME --protocol parley|irc --port P --server-pid PID [--connections 10000] [--out f.json]
//   Parley.Bench logins --server NAME --protocol parley|irc --port P --mode room|registrations|accounts
//                [--clients 1000] [--concurrency 50] [--server-pid PID] [--out f.json]
//   Parley.Bench latency --server NAME --protocol parley|irc --port P [--rates 100,1000,10000] [--step-seconds 5]
//                [--text-bytes 100] [--server-pid PID] [--irc-oper name:password] [--out f.json]
//   Parley.Bench summarize [--workload broadcast|logins|latency|cluster] --out summary.json [--chart docs/broadcast.png] result1.json ...
// Broadcast steps are offered deliveries per second (messages/s x (members - 1)); latency rates are messages per second.
// Broadcast over several ports (the nodes of a cluster): members, and so publishers, round-robin over them; the
// server CPU is the sum over the --server-pid list; each --watch-pid (redis-server, the postmaster) is reported
// apart, with the processes under it.
if (args.Length == 0 || args[0] is not ("broadcast" or "summarize" or "idle" or "logins" or "latency"))
{
    Console.Error.WriteLine("usage: Parley.Bench broadcast|idle|logins|latency|summarize [options] (see bench/run*.sh)");
    return 2;
}

if (args[0] == "summarize")
{
    var files = args.Where((a, i) => i > 0 && a.EndsWith(".json", StringComparison.Ordinal) && args[i - 1] != "--out").ToList();
    var summaryOutput = Option("--out", "summary.json");
    switch (Option("--workload", "broadcast"))
    {
        case "logins":
            LoginSummary.Write(files, summaryOutput);
            break;
        case "latency":
            LatencySummary.Write(files, summaryOutput);
            break;
        case "cluster":
            ClusterSummary.Write(files, summaryOutput);
            break;
        default:
            Summary.Write(files, summaryOutput, OptionOrNull("--chart"));
            break;
    }

    return 0;
}

var protocol = Option("--protocol", "parley");
var server = Option("--server", protocol);
var host = IPAddress.Parse(Option("--host", "127.0.0.1"));
var endPoints = (OptionOrNull("--ports") is { } ports ? Ints(ports) : [Int("--port", 0)]).Select(p => new IPEndPoint(host, p)).ToList();
var endPoint = endPoints[0];
var serverPids = OptionOrNull("--server-pid") is { } pids ? Ints(pids) : [];
int? serverPid = serverPids.Count > 0 ? serverPids[0] : null;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

switch (args[0])
{
    case "idle":
        await SaveAsync(
            await IdleWorkload.RunAsync(
                server, Dialect.Create(protocol, null, LoginGoal.Registered), endPoint, Int("--connections", 10_000), serverPid ?? 0, cancel.Token),
            BenchJsonContext.Default.IdleResult);
        return 0;
    case "logins":
        var mode = Option("--mode", "room");
        var goal = mode switch
        {
            "room" => LoginGoal.InRoom,
            "registrations" => LoginGoal.Registered,
            "accounts" => LoginGoal.Account,
            _ => throw new ArgumentException($"unknown mode '{mode}' (room, registrations or accounts)"),
        };
        var logins = new LoginOptions(
            server, mode, Dialect.Create(protocol, null, goal), endPoint, Int("--clients", 1000), Int("--concurrency", 50), serverPid);
        await SaveAsync(await LoginWorkload.RunAsync(logins, cancel.Token), BenchJsonContext.Default.LoginResult);
        return 0;
    case "latency":
        var latency = new LatencyOptions(
            server,
            Dialect.Create(protocol, OptionOrNull("--irc-oper"), LoginGoal.Registered),
            endPoint,
            Doubles("--rates", "100,1000,10000"),
            Double("--step-seconds", 5),
            Int("--text-bytes", 100),
            serverPid);
        await SaveAsync(await LatencyWorkload.RunAsync(latency, cancel.Token), BenchJsonContext.Default.LatencyResult);
        return 0;
}

var options = new BroadcastOptions(
    server,
    Dialect.Create(protocol, OptionOrNull("--irc-oper")),
    endPoints,
    Int("--members", 1000),
    Int("--publishers", 4),
    Int("--text-bytes", 100),
    Doubles("--steps", "100000,250000,500000,750000,1000000,1250000,1500000,2000000,2500000,3000000,4000000,5000000"),
    Double("--step-seconds", 5),
    Double("--warmup-seconds", 1),
    serverPids,
    OptionOrNull("--watch-pid") is { } watch
        ? watch.Split(',').Select(w => w.Split('=')).Select(w => (w[0], int.Parse(w[1], CultureInfo.InvariantCulture))).ToList()
        : []);

var result = await BroadcastWorkload.RunAsync(options, cancel.Token);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{result.Server}: max {result.MaxDeliveriesPerSecond:N0} deliveries/s; with p99 <= 50 ms {result.MaxDeliveriesPerSecondP99Under50Ms:N0}/s; CPU at 100k/s {result.CpuPercentAt100k:F0}%; stop: {result.StopReason}"));
await SaveAsync(result, BenchJsonContext.Default.RunResult);
return 0;

async Task SaveAsync<T>(T runResult, JsonTypeInfo<T> type)
{
    if (OptionOrNull("--out") is { } output)
    {
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(runResult, type));
    }
}

string Option(string name, string fallback) => OptionOrNull(name) ?? fallback;

string? OptionOrNull(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int Int(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

double Double(string name, double fallback) =>
    double.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

List<int> Ints(string list) => list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

List<double> Doubles(string name, string fallback) =>
    Option(name, fallback).Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();

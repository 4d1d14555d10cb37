using System.Globalization;
using Parley.Bench.Store;
using Parley.Storage.Sqlite;

// Usage: Parley.Bench.Store [--writers 1,8,64] [--messages 20000] [--runs 3] [--max-batch 1000|1,1000]
//                           [--synchronous normal|full]
// Each configuration runs --runs times on a fresh file; the table shows the median of each figure.
// --max-batch 1 is the baseline: one transaction per message, no group commit.
var writers = Option("--writers", "1,8,64").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var messages = int.Parse(Option("--messages", "20000"), CultureInfo.InvariantCulture);
var runs = int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture);
var maxBatches = Option("--max-batch", "1,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var synchronous = Enum.Parse<SqliteSynchronous>(Option("--synchronous", "normal"), ignoreCase: true);

// Warm-up (JIT, the native library, the file system); not reported.
await StoreRun.RunAsync(8, 2000, 1000, synchronous);

Console.WriteLine($"synchronous={synchronous}, {messages} messages per run, {runs} runs per row, medians");
Console.WriteLine();
Console.WriteLine("| max batch | writers | messages/s | p50 µs | p99 µs | p99.9 µs | avg batch |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var maxBatch in maxBatches)
{
    foreach (var writerCount in writers)
    {
        var results = new List<RunResult>();
        for (var run = 0; run < runs; run++)
        {
            results.Add(await StoreRun.RunAsync(writerCount, messages, maxBatch, synchronous));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {maxBatch} | {writerCount} | {Median(results, r => r.MessagesPerSecond):N0} | {Median(results, r => r.P50Micros):N0} | {Median(results, r => r.P99Micros):N0} | {Median(results, r => r.P999Micros):N0} | {Median(results, r => r.AverageBatch):N1} |"));
    }
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static double Median(List<RunResult> results, Func<RunResult, double> figure)
{
    var sorted = results.Select(figure).Order().ToArray();
    return sorted[sorted.Length / 2];
}

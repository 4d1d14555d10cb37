using System.Diagnostics;
using Parley.Storage;
using Parley.Storage.Sqlite;

namespace Parley.Bench.Store;

/// <summary>What one run measured.</summary>
internal sealed record RunResult(double MessagesPerSecond, double P50Micros, double P99Micros, double P999Micros, double AverageBatch);

/// <summary>
/// One run: a fresh store in a fresh temp directory, <c>writers</c> tasks each appending single messages in
/// a loop (as the rooms' pumps do under light load per room), every append timed from call to durable.
/// </summary>
internal static class StoreRun
{
    public static async Task<RunResult> RunAsync(int writers, int totalMessages, int maxBatch, SqliteSynchronous synchronous)
    {
        var directory = Path.Combine(Path.GetTempPath(), "parley-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var options = new SqliteStoreOptions { Path = Path.Combine(directory, "bench.db"), MaxBatchMessages = maxBatch, Synchronous = synchronous };
            await using var store = new SqliteChatStore(options);
            await store.InitializeAsync(CancellationToken.None);

            var perWriter = totalMessages / writers;
            var latencies = new long[writers][];
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var mine = latencies[w] = new long[perWriter];
                var room = $"room{w % 16}";
                var sender = $"user{w}";
                await start.Task;
                for (var i = 0; i < perWriter; i++)
                {
                    var message = new NewMessage(room, sender, "a message of typical chat length, some sixty characters long", DateTimeOffset.UtcNow);
                    var began = Stopwatch.GetTimestamp();
                    await store.AppendAsync([message], CancellationToken.None);
                    mine[i] = Stopwatch.GetTimestamp() - began;
                }
            })).ToArray();

            var clock = Stopwatch.StartNew();
            start.SetResult();
            await Task.WhenAll(tasks);
            clock.Stop();

            var all = latencies.SelectMany(l => l).ToArray();
            Array.Sort(all);
            return new RunResult(
                all.Length / clock.Elapsed.TotalSeconds,
                Micros(Percentile(all, 0.50)),
                Micros(Percentile(all, 0.99)),
                Micros(Percentile(all, 0.999)),
                (double)store.MessagesCommitted / store.TransactionsCommitted);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Nearest-rank percentile of a sorted array.</summary>
    private static long Percentile(long[] sorted, double p)
        => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Parley.Bench;

/// <summary>
/// Sends on a fixed schedule (open loop): message k of the current rate is due at start + k / rate, and
/// carries that due time, so a server that stalls the publisher is charged for it (no coordinated omission).
/// Never waits for replies; when behind, sends every due message at once. Two ways to wait for the next due
/// message: <see cref="RunAsync"/> (async, 1 ms pauses: enough for many publishers at 50 ms latencies) and
/// <see cref="RunPreciseAsync"/> (a thread of its own sleeping to the microsecond, for millisecond latencies).
/// </summary>
internal sealed partial class Publisher(
    Member member, (byte[] Prefix, byte[] Suffix) frame, int publisher, int textBytes, LatencyRecorder? sendLag = null)
{
    private const int MaxBatch = 256;

    private static readonly long s_millisecondTicks = Stopwatch.Frequency / 1000;

    private readonly byte[] _buffer = new byte[(frame.Prefix.Length + Math.Max(textBytes, 32) + frame.Suffix.Length) * MaxBatch];
    private Schedule? _schedule;
    private Schedule? _current;
    private long _sentInSchedule;
    private long _sent;

    /// <summary>Messages handed to the socket so far, over every rate.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Messages per second for this publisher, from now, for at most <paramref name="limit"/> messages; 0 stops sending.</summary>
    public void SetRate(double messagesPerSecond, long limit = long.MaxValue) =>
        Volatile.Write(
            ref _schedule,
            messagesPerSecond <= 0 ? null : new Schedule(Stopwatch.GetTimestamp(), Stopwatch.Frequency / messagesPerSecond, limit));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (length, count) = TakeDue(Stopwatch.GetTimestamp(), out _);
                if (count == 0)
                {
                    await Task.Delay(1, cancellationToken);
                    continue;
                }

                await member.Socket.SendAsync(_buffer.AsMemory(0, length), cancellationToken);
                Interlocked.Add(ref _sent, count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (SocketException)
        {
            // The member's read loop records the failure.
        }
    }

    /// <summary>
    /// Sends from a thread of its own that sleeps until the next message is due (usleep: Task.Delay and
    /// Thread.Sleep count whole milliseconds, which at 1,000 msg/s would make most messages up to 1 ms late
    /// before they leave). The lateness that is left is recorded in the send-lag recorder.
    /// </summary>
    public Task RunPreciseAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => RunPrecise(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void RunPrecise(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (length, count) = TakeDue(Stopwatch.GetTimestamp(), out var nextDue);
                if (count == 0)
                {
                    // At most 1 ms at a time, so that a new rate is picked up at once.
                    var micros = (nextDue - Stopwatch.GetTimestamp()) * 1_000_000 / Stopwatch.Frequency;
                    _ = USleep((uint)Math.Clamp(micros, 1, 1000));
                    continue;
                }

                member.Socket.Send(_buffer, 0, length, SocketFlags.None);
                Interlocked.Add(ref _sent, count);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The member's read loop records the failure.
        }
    }

    /// <summary>Writes every message due by <paramref name="now"/> into the buffer; none due: when the next one is.</summary>
    private (int Length, int Count) TakeDue(long now, out long nextDue)
    {
        var schedule = Volatile.Read(ref _schedule);
        if (!ReferenceEquals(schedule, _current))
        {
            _current = schedule;
            _sentInSchedule = 0;
        }

        if (_current is not { } current || _sentInSchedule >= current.Limit)
        {
            nextDue = now + s_millisecondTicks;
            return (0, 0);
        }

        var due = Math.Min((long)((now - current.StartTicks) / current.IntervalTicks) + 1, current.Limit) - _sentInSchedule;
        if (due <= 0)
        {
            nextDue = current.DueTicks(_sentInSchedule);
            return (0, 0);
        }

        nextDue = now;
        var count = (int)Math.Min(due, MaxBatch);
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var dueTicks = current.DueTicks(_sentInSchedule + i);
            sendLag?.Record(now - dueTicks);
            frame.Prefix.CopyTo(_buffer, length);
            length += frame.Prefix.Length;
            length += MessageText.Write(_buffer.AsSpan(length), publisher, dueTicks, textBytes);
            frame.Suffix.CopyTo(_buffer, length);
            length += frame.Suffix.Length;
        }

        _sentInSchedule += count;
        return (length, count);
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);

    private sealed record Schedule(long StartTicks, double IntervalTicks, long Limit)
    {
        public long DueTicks(long message) => StartTicks + (long)(message * IntervalTicks);
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace Parley.Bench;

/// <summary>
/// Sends on a fixed schedule (open loop): message k of the current rate is due at start + k / rate, and
/// carries that due time, so a server that stalls the publisher is charged for it (no coordinated omission).
/// Never waits for replies; when behind, sends every due message at once.
/// </summary>
internal sealed class Publisher(Member member, Dialect dialect, int publisher, int textBytes)
{
    private const int MaxBatch = 256;

    private Schedule? _schedule;
    private long _sent;

    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Messages per second for this publisher; 0 stops sending.</summary>
    public void SetRate(double messagesPerSecond) =>
        Volatile.Write(ref _schedule, messagesPerSecond <= 0 ? null : new Schedule(Stopwatch.GetTimestamp(), Stopwatch.Frequency / messagesPerSecond));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (prefix, suffix) = dialect.PublishFrame;
        var frameBytes = prefix.Length + Math.Max(textBytes, 32) + suffix.Length;
        var buffer = new byte[frameBytes * MaxBatch];
        Schedule? current = null;
        long sentInSchedule = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var schedule = Volatile.Read(ref _schedule);
                if (!ReferenceEquals(schedule, current))
                {
                    current = schedule;
                    sentInSchedule = 0;
                }

                if (current is null)
                {
                    await Task.Delay(10, cancellationToken);
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                var due = (long)((now - current.StartTicks) / current.IntervalTicks) + 1 - sentInSchedule;
                if (due <= 0)
                {
                    await Task.Delay(1, cancellationToken);
                    continue;
                }

                var count = (int)Math.Min(due, MaxBatch);
                var length = 0;
                for (var i = 0; i < count; i++)
                {
                    var dueTicks = current.StartTicks + (long)((sentInSchedule + i) * current.IntervalTicks);
                    prefix.CopyTo(buffer, length);
                    length += prefix.Length;
                    length += MessageText.Write(buffer.AsSpan(length), publisher, dueTicks, textBytes);
                    suffix.CopyTo(buffer, length);
                    length += suffix.Length;
                }

                await member.Socket.SendAsync(buffer.AsMemory(0, length), cancellationToken);
                sentInSchedule += count;
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

    private sealed record Schedule(long StartTicks, double IntervalTicks);
}

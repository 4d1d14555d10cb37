using System.Buffers.Text;

namespace Parley.Bench;

/// <summary>
/// A published text: "@@P:TTTTTTTTTTTTTTTTTTT " (publisher number, Stopwatch ticks of the scheduled send,
/// 19 digits) padded with 'x' to the text size. ASCII only, so its size on the wire is the same in JSON and IRC.
/// </summary>
internal static class MessageText
{
    private const int TicksDigits = 19;

    public static int Write(Span<byte> destination, int publisher, long ticks, int size)
    {
        "@@"u8.CopyTo(destination);
        Utf8Formatter.TryFormat(publisher, destination[2..], out var written);
        var at = 2 + written;
        destination[at++] = (byte)':';
        Utf8Formatter.TryFormat(ticks, destination[at..], out _, new System.Buffers.StandardFormat('D', TicksDigits));
        at += TicksDigits;
        destination[at++] = (byte)' ';
        var length = Math.Max(size, at);
        destination[at..length].Fill((byte)'x');
        return length;
    }

    public static bool TryParse(ReadOnlySpan<byte> line, out int publisher, out long ticks)
    {
        ticks = 0;
        publisher = -1;
        var at = line.IndexOf("@@"u8);
        if (at < 0)
        {
            return false;
        }

        var rest = line[(at + 2)..];
        if (!Utf8Parser.TryParse(rest, out publisher, out var used) || rest.Length < used + 1 + TicksDigits || rest[used] != (byte)':')
        {
            return false;
        }

        return Utf8Parser.TryParse(rest.Slice(used + 1, TicksDigits), out ticks, out _);
    }
}

using System.Text;
using System.Text.Json;

namespace Parley.Protocol.Tests.Properties;

/// <summary>What one piece of a generated stream is, for the reference model.</summary>
internal enum PieceKind
{
    Value,
    Separator,
    Garbage,
}

/// <summary>One piece of a generated stream: a JSON value, whitespace between values, or a line of garbage.</summary>
internal sealed record Piece(PieceKind Kind, byte[] Bytes)
{
    public static Piece Value(string text) => new(PieceKind.Value, Encoding.UTF8.GetBytes(text));

    public static Piece Separator(string text) => new(PieceKind.Separator, Encoding.UTF8.GetBytes(text));

    public override string ToString() => Kind + ":" + JsonSerializer.Serialize(Encoding.UTF8.GetString(Bytes));
}

/// <summary>
/// A generated stream and how it arrives: the pieces, joined, are cut at <see cref="Cuts"/> (positions taken
/// modulo the length) or into single bytes, and each chunk is one read of the connection.
/// </summary>
internal sealed record StreamCase(IReadOnlyList<Piece> Pieces, IReadOnlyList<int> Cuts, bool ByteByByte, int MaxFrameBytes)
{
    /// <summary>The reference model: the canonical text of every value, in order.</summary>
    public IEnumerable<string> ExpectedValues => Pieces.Where(p => p.Kind == PieceKind.Value).Select(p => Canonical(p.Bytes));

    public int GarbageCount => Pieces.Count(p => p.Kind == PieceKind.Garbage);

    public byte[] Bytes => Pieces.SelectMany(p => p.Bytes).ToArray();

    public IEnumerable<byte[]> Chunks()
    {
        var bytes = Bytes;
        if (ByteByByte)
        {
            return bytes.Chunk(1);
        }

        var points = Cuts.Select(c => c % (bytes.Length + 1)).Order().ToList();
        var chunks = new List<byte[]>();
        var start = 0;
        foreach (var point in points)
        {
            chunks.Add(bytes[start..point]);
            start = point;
        }

        chunks.Add(bytes[start..]);
        return chunks;
    }

    /// <summary>Smaller cases: one piece, one cut fewer, or whole reads instead of single bytes.</summary>
    public IEnumerable<StreamCase> Shrink()
    {
        if (ByteByByte)
        {
            yield return this with { ByteByByte = false };
        }

        for (var i = 0; i < Pieces.Count; i++)
        {
            yield return this with { Pieces = [.. Pieces.Take(i), .. Pieces.Skip(i + 1)] };
        }

        for (var i = 0; i < Cuts.Count; i++)
        {
            yield return this with { Cuts = [.. Cuts.Take(i), .. Cuts.Skip(i + 1)] };
        }
    }

    /// <summary>A value re-serialised compactly, so spellings of the same value compare equal.</summary>
    public static string Canonical(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public override string ToString() =>
        $"limit {MaxFrameBytes}, {(ByteByByte ? "byte by byte" : "cuts [" + string.Join(",", Cuts) + "]")}, pieces:\n  " + string.Join("\n  ", Pieces);
}

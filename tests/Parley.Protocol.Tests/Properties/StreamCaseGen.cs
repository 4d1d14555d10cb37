using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Parley.Protocol.Tests.Properties;

/// <summary>The arbitraries of the frame-reader properties, each with <see cref="StreamCase.Shrink"/>.</summary>
internal static class StreamCaseGen
{
    /// <summary>Bytes that cannot start a JSON value nor be whitespace, so a garbage line fails at any of its bytes.</summary>
    private static readonly byte[] s_invalidStart = Enumerable.Range(0, 256)
        .Select(b => (byte)b)
        .Where(b => !"\t\n\r {[\"-0123456789tfn"u8.Contains(b) && b != 0xEF)
        .ToArray();

    private static readonly byte[][] s_jsonish = [.. new[] { "{", "[", "\"", "\\", "\n", "}", "]", ",", ":", "1", "true", "\r\n", "\\u12", "[[[[[[[[[[[[[[[[" }
        .Select(Encoding.UTF8.GetBytes), [0xEF], [0xEF, 0xBB], [0xEF, 0xBB, 0xBF], [0xC3], [0xFF]];

    private static Gen<int[]> Cuts { get; } = Gen.Choose(0, 100_000).ArrayOf().Select(cuts => cuts.Take(12).ToArray());

    private static Gen<bool> ByteByByte { get; } = Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)));

    /// <summary>Requests of every spelling, joined by whitespace, nothing, or byte-order marks.</summary>
    public static Arbitrary<StreamCase> Valid() => Arb.From(
        from pieces in ValidPieces
        from cuts in Cuts
        from byteByByte in ByteByByte
        select new StreamCase(pieces, cuts, byteByByte, JsonFrameReader.DefaultMaxFrameBytes),
        c => c.Shrink());

    /// <summary>Valid requests with whole lines of garbage between them.</summary>
    public static Arbitrary<StreamCase> WithGarbageLines() => Arb.From(
        from pieces in ValidPieces
        from garbage in GarbageLine.ListOf(pieces.Count + 1)
        from keep in Gen.Elements(true, false).ArrayOf(pieces.Count + 1)
        from cuts in Cuts
        from byteByByte in ByteByByte
        select new StreamCase(Interleave(pieces, garbage, keep), cuts, byteByByte, JsonFrameReader.DefaultMaxFrameBytes),
        c => c.Shrink());

    /// <summary>Any bytes at all, biased toward JSON punctuation, under a small frame limit.</summary>
    public static Arbitrary<StreamCase> PureGarbage() => Arb.From(
        from atoms in Gen.OneOf(Gen.Choose(0, 255).Select(b => new[] { (byte)b }), Gen.Elements(s_jsonish)).ArrayOf()
        from limit in Gen.Choose(4, 300)
        from cuts in Cuts
        from byteByByte in ByteByByte
        select new StreamCase([new Piece(PieceKind.Garbage, [.. atoms.SelectMany(a => a)])], cuts, byteByByte, limit),
        c => c.Shrink());

    /// <summary>Requests that fit the limit, then one that does not, then more requests.</summary>
    public static Arbitrary<StreamCase> OverTheLimit() => Arb.From(
        from limit in Gen.Choose(16, 600)
        from before in ValidPieces
        from large in JsonTextGen.LongRequest(limit)
        from separator in JsonTextGen.Separator
        from after in ValidPieces
        from cuts in Cuts
        from byteByByte in ByteByByte
        select new StreamCase([.. Fitting(before, limit), Piece.Separator(separator), Piece.Value(large), Piece.Separator(" "), .. after], cuts, byteByByte, limit),
        c => c.Shrink().Where(s => s.Pieces.Any(p => p.Kind == PieceKind.Value && p.Bytes.Length > s.MaxFrameBytes)));

    /// <summary>A line that fails to parse at its first byte and wherever a read cuts it: see <see cref="s_invalidStart"/>.</summary>
    private static Gen<Piece> GarbageLine { get; } =
        from first in Gen.Elements(s_invalidStart)
        from rest in Gen.Frequency((6, Gen.Elements(s_invalidStart)), (1, Gen.Elements((byte)' ', (byte)'\t', (byte)'\r'))).ArrayOf()
        select new Piece(PieceKind.Garbage, [first, .. rest, (byte)'\n']);

    private static Gen<List<Piece>> ValidPieces { get; } =
        from count in Gen.Choose(0, 8)
        from values in JsonTextGen.Request.ListOf(count)
        from separators in JsonTextGen.Separator.ListOf(count + 1)
        select values.SelectMany((v, i) => new[] { Piece.Separator(separators[i]), Piece.Value(v) })
            .Append(Piece.Separator(separators[^1]))
            .ToList();

    private static List<Piece> Interleave(List<Piece> pieces, IList<Piece> garbage, bool[] keep)
    {
        var result = new List<Piece>();
        for (var i = 0; i <= pieces.Count; i++)
        {
            if (keep[i])
            {
                result.Add(garbage[i]);
            }

            if (i < pieces.Count)
            {
                result.Add(pieces[i]);
            }
        }

        return result;
    }

    private static IEnumerable<Piece> Fitting(IEnumerable<Piece> pieces, int limit) =>
        pieces.Where(p => p.Kind != PieceKind.Value || p.Bytes.Length <= limit);
}

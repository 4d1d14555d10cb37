using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Parley.Protocol.Tests.Properties;

/// <summary>
/// Generators of JSON text as a peer might write it: every string character in one of its legal spellings
/// (raw, short escape, <c>\u</c> in either case), random whitespace between tokens (so pretty-printed, compact
/// and anything between), nested arrays and objects.
/// </summary>
internal static class JsonTextGen
{
    /// <summary>Characters of a string, each with the spellings a writer may choose.</summary>
    private static readonly string[][] s_stringAtoms =
    [
        ["a", "\\u0061"], ["Z"], [" "], ["{"], ["}"], ["["], ["]"], [":"], [","], ["\\\"", "\\u0022"],
        ["\\\\", "\\u005C", "\\u005c"], ["/", "\\/"], ["\\n", "\\u000a", "\\u000A"], ["\\r"], ["\\t"], ["\\b"], ["\\f"],
        ["\\u0001"], ["é", "\\u00e9", "\\u00E9"], ["中", "\\u4e2d"], ["😀", "\\ud83d\\ude00", "\\uD83D\\uDE00"],
        ["\uFEFF", "\\ufeff"], ["\u2028"],
    ];

    private static readonly string[] s_numbers = ["0", "-1", "42", "3.25", "-0.5", "1e5", "2E-3", "-7.5e+2", "123456789012"];

    private static readonly string[] s_requests = ["login", "say", "join", "names", "help", "private", "rooms"];

    /// <summary>Whitespace between tokens: mostly none, sometimes a few of the four JSON whitespace bytes.</summary>
    public static Gen<string> Whitespace { get; } = Gen.Frequency(
        (3, Gen.Constant(string.Empty)),
        (2, Gen.Elements(" ", "\t", "\r", "\n").ArrayOf().Select(string.Concat)),
        (1, Gen.Elements("\n  ", "\r\n", "\n    ", " ")));

    /// <summary>What may separate two values: whitespace, nothing, or a byte-order mark.</summary>
    public static Gen<string> Separator { get; } = Gen.Frequency(
        (6, Whitespace),
        (1, Gen.Constant("\uFEFF")),
        (1, Gen.Constant("\n")));

    public static Gen<string> StringLiteral { get; } =
        Gen.Elements(s_stringAtoms)
            .SelectMany(Gen.Elements)
            .ArrayOf()
            .Select(parts => "\"" + string.Concat(parts) + "\"");

    public static Gen<string> Leaf { get; } = Gen.OneOf(
        StringLiteral,
        Gen.Elements(s_numbers),
        Gen.Choose(-100000, 100000).Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Elements("true", "false", "null"));

    /// <summary>Any JSON value nested at most <paramref name="depth"/> levels.</summary>
    public static Gen<string> Value(int depth) => depth <= 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, Gen.Sized(size => Gen.Choose(0, Math.Min(size, 4)).SelectMany(n => Value(depth - 1).ListOf(n))).SelectMany(items => Join("[", items, "]"))),
            (1, Gen.Sized(size => Gen.Choose(0, Math.Min(size, 4)).SelectMany(n => Member(Value(depth - 1)).ListOf(n))).SelectMany(members => Join("{", members, "}"))));

    /// <summary>A request object: <c>"request"</c> first, then a few members of any shape.</summary>
    public static Gen<string> Request { get; } =
        from request in Gen.Elements(s_requests).Select(r => "\"" + r + "\"")
        from head in Member(Gen.Constant(request), Gen.Constant("\"request\""))
        from count in Gen.Choose(0, 3)
        from rest in Member(Value(2)).ListOf(count)
        from text in Join("{", [head, .. rest], "}")
        select text;

    /// <summary>A request whose <c>content</c> string alone is longer than <paramref name="minBytes"/> UTF-8 bytes.</summary>
    public static Gen<string> LongRequest(int minBytes) =>
        from atoms in Gen.Elements(s_stringAtoms).SelectMany(Gen.Elements).NonEmptyListOf()
        from ws in Whitespace.ArrayOf(3)
        select "{" + ws[0] + "\"request\":" + ws[1] + "\"say\"," + ws[2] + "\"content\":\"" + Repeat(atoms, minBytes) + "\"" + ws[0] + "}";

    private static string Repeat(IReadOnlyList<string> atoms, int minBytes)
    {
        var text = new StringBuilder();
        for (var i = 0; Encoding.UTF8.GetByteCount(text.ToString()) <= minBytes; i++)
        {
            text.Append(atoms[i % atoms.Count]);
        }

        return text.ToString();
    }

    private static Gen<string> Member(Gen<string> value) => Member(value, StringLiteral);

    private static Gen<string> Member(Gen<string> value, Gen<string> key) =>
        from k in key
        from ws1 in Whitespace
        from ws2 in Whitespace
        from v in value
        select k + ws1 + ":" + ws2 + v;

    /// <summary>Items between brackets, with random whitespace around every token.</summary>
    private static Gen<string> Join(string open, IEnumerable<string> items, string close) =>
        Whitespace.ArrayOf(3).SelectMany(ws => Gen.Constant(open + ws[0] + string.Join(ws[1] + "," + ws[2], items) + ws[0] + close));
}

using System.Buffers;
using System.Text.Encodings.Web;

namespace Parley.Protocol;

/// <summary>
/// Escapes like Python's <c>json.dumps</c>: printable ASCII passes through, <c>"</c> and <c>\</c> get a
/// backslash, control characters get their short or <c>\u00XX</c> form, everything non-ASCII becomes
/// <c>\uXXXX</c> (surrogate pairs for astral characters). The output is pure ASCII, so a peer decoding chunk
/// by chunk never cuts a UTF-8 sequence. <see cref="JavaScriptEncoder.Default"/> is also ASCII-only but writes
/// <c>"</c> as <c>\u0022</c>, which triples the size of JSON-encoded history items.
/// </summary>
public sealed class AsciiJsonEncoder : JavaScriptEncoder
{
    private const string SafeAscii =
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private static readonly SearchValues<byte> s_safeBytes = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(SafeAscii));
    private static readonly SearchValues<char> s_safeChars = SearchValues.Create(SafeAscii);

    private AsciiJsonEncoder()
    {
    }

    public static AsciiJsonEncoder Instance { get; } = new();

    // An astral character is written as two \uXXXX escapes.
    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
        => new ReadOnlySpan<char>(text, textLength).IndexOfAnyExcept(s_safeChars);

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
        => utf8Text.IndexOfAnyExcept(s_safeBytes);

    public override bool WillEncode(int unicodeScalar)
        => unicodeScalar is < 0x20 or >= 0x7F or '"' or '\\';

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        numberOfCharactersWritten = 0;
        if (!WillEncode(unicodeScalar))
        {
            if (destination.IsEmpty)
            {
                return false;
            }

            destination[0] = (char)unicodeScalar;
            numberOfCharactersWritten = 1;
            return true;
        }

        var shortForm = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\b' => 'b',
            '\f' => 'f',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            if (destination.Length < 2)
            {
                return false;
            }

            destination[0] = '\\';
            destination[1] = shortForm;
            numberOfCharactersWritten = 2;
            return true;
        }

        if (unicodeScalar < 0x10000)
        {
            return TryWriteEscape(destination, unicodeScalar, ref numberOfCharactersWritten);
        }

        var scalar = unicodeScalar - 0x10000;
        var high = 0xD800 + (scalar >> 10);
        var low = 0xDC00 + (scalar & 0x3FF);
        return TryWriteEscape(destination, high, ref numberOfCharactersWritten)
            && TryWriteEscape(destination[6..], low, ref numberOfCharactersWritten);
    }

    private static bool TryWriteEscape(Span<char> destination, int value, ref int written)
    {
        if (destination.Length < 6)
        {
            written = 0;
            return false;
        }

        destination[0] = '\\';
        destination[1] = 'u';
        const string Hex = "0123456789abcdef";
        destination[2] = Hex[(value >> 12) & 0xF];
        destination[3] = Hex[(value >> 8) & 0xF];
        destination[4] = Hex[(value >> 4) & 0xF];
        destination[5] = Hex[value & 0xF];
        written += 6;
        return true;
    }
}

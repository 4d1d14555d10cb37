using System.Globalization;
using System.Text;

namespace Parley.Cli.Tui;

/// <summary>
/// How many terminal columns text takes. Wrapping, the input line and the cursor all count with this, so a
/// line of CJK or emoji never overflows its row and the cursor lands where the terminal drew the character.
/// The unit is the text element (a grapheme cluster, <see cref="StringInfo"/>): a base with its combining
/// marks, or an emoji sequence, is one unit that is never cut in half. Its width is its first rune's: 2 for
/// East Asian Wide/Fullwidth and emoji presentation, 0 for a stray combining mark or a control, else 1.
/// </summary>
internal static class DisplayWidth
{
    // Sorted, inclusive: the East Asian Wide/Fullwidth blocks and the emoji that default to emoji presentation.
    private static readonly (int First, int Last)[] s_wide =
    [
        (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
        (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
        (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA),
        (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B),
        (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
        (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x2E80, 0x303E),
        (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xA960, 0xA97F), (0xAC00, 0xD7A3),
        (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x1F004, 0x1F004),
        (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1E6, 0x1F1FF), (0x1F200, 0x1F251),
        (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x20000, 0x2FFFD),
        (0x30000, 0x3FFFD),
    ];

    /// <summary>The columns <paramref name="text"/> takes.</summary>
    public static int Of(string text)
    {
        var width = 0;
        foreach (var element in Elements(text))
        {
            width += OfElement(element);
        }

        return width;
    }

    /// <summary>The columns one text element takes: its first rune decides; an emoji presentation selector makes it 2.</summary>
    public static int OfElement(string element)
    {
        if (string.IsNullOrEmpty(element) || Rune.DecodeFromUtf16(element, out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return 0;
        }

        if (Rune.IsControl(rune))
        {
            return 0;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        return IsWide(rune.Value) || element.Contains('\uFE0F', StringComparison.Ordinal) ? 2 : 1;
    }

    /// <summary>The text elements of <paramref name="text"/>, in order.</summary>
    public static IEnumerable<string> Elements(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            yield return elements.GetTextElement();
        }
    }

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="columns"/>, whole elements only.</summary>
    public static string Truncate(string text, int columns)
    {
        var used = 0;
        var length = 0;
        foreach (var element in Elements(text))
        {
            var width = OfElement(element);
            if (used + width > columns)
            {
                break;
            }

            used += width;
            length += element.Length;
        }

        return text[..length];
    }

    private static bool IsWide(int codePoint)
    {
        if (codePoint < 0x1100)
        {
            return false;
        }

        int low = 0, high = s_wide.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (codePoint < s_wide[middle].First)
            {
                high = middle - 1;
            }
            else if (codePoint > s_wide[middle].Last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}

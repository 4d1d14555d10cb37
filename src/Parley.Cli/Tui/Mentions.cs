namespace Parley.Cli.Tui;

/// <summary>Whether a message mentions a name: as a whole word (not "alicea"), in any letter case.</summary>
internal static class Mentions
{
    public static bool Contains(string text, string? name)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + name.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    // Names are A-Z, a-z, 0-9 (PROTOCOL.md); '_' joins words too, as in "alice_bot".
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}

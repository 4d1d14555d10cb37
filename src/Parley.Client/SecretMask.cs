namespace Parley.Client;

/// <summary>
/// Hides the passwords in a line as it is being typed, so the screen never shows them: after
/// <c>login &lt;name&gt;</c> (with or without <c>/</c>), and after <c>/register</c> and <c>/password</c>, every
/// character but spaces becomes <c>*</c>. The length stays the same, so the cursor stays where it was.
/// </summary>
public static class SecretMask
{
    public static string Mask(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
        {
            start++;
        }

        var end = start;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
        {
            end++;
        }

        var wordsShown = line.AsSpan(start, end - start) switch
        {
            var w when w.Equals("login", StringComparison.OrdinalIgnoreCase) || w.Equals("/login", StringComparison.OrdinalIgnoreCase) => 2,
            var w when w.Equals("/register", StringComparison.OrdinalIgnoreCase) || w.Equals("/password", StringComparison.OrdinalIgnoreCase) => 1,
            _ => 0,
        };
        if (wordsShown == 0)
        {
            return line;
        }

        var masked = line.ToCharArray();
        var words = 0;
        var inWord = false;
        for (var i = 0; i < masked.Length; i++)
        {
            if (char.IsWhiteSpace(masked[i]))
            {
                inWord = false;
                continue;
            }

            if (!inWord)
            {
                inWord = true;
                words++;
            }

            if (words > wordsShown)
            {
                masked[i] = '*';
            }
        }

        return new string(masked);
    }
}

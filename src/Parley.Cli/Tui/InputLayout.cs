namespace Parley.Cli.Tui;

/// <summary>
/// Fits the prompt and the line being typed into one row. When they are too wide the text scrolls so the
/// cursor stays visible; the last column is kept free so the cursor can sit after the last character.
/// </summary>
internal static class InputLayout
{
    /// <returns>The prompt and text to draw, and the cursor's 0-based column.</returns>
    public static (string Prompt, string Text, int Column) Fit(string prompt, string text, int cursor, int width)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(text);
        var room = Math.Max(1, width - 1);
        prompt = DisplayWidth.Truncate(prompt, Math.Max(0, room - 1));
        var available = room - DisplayWidth.Of(prompt);

        var elements = new List<(string Text, int Width)>();
        var cursorElement = 0;
        var position = 0;
        foreach (var element in DisplayWidth.Elements(text))
        {
            if (position < cursor)
            {
                cursorElement++;
            }

            elements.Add((element, DisplayWidth.OfElement(element)));
            position += element.Length;
        }

        // The first element shown: as far left as possible while the cursor still fits.
        var start = 0;
        var beforeCursor = elements.Take(cursorElement).Sum(e => e.Width);
        while (beforeCursor > available && start < cursorElement)
        {
            beforeCursor -= elements[start++].Width;
        }

        var shown = new System.Text.StringBuilder();
        var used = 0;
        for (var i = start; i < elements.Count && used + elements[i].Width <= available; i++)
        {
            shown.Append(elements[i].Text);
            used += elements[i].Width;
        }

        return (prompt, shown.ToString(), DisplayWidth.Of(prompt) + beforeCursor);
    }
}

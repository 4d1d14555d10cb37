namespace Parley.Cli.Tui;

/// <summary>
/// Wraps a styled line into rows of at most a given number of columns (<see cref="DisplayWidth"/>). A row
/// breaks after the last space that fits, else between two text elements; an element is never split, and one
/// wider than the whole row gets a row of its own.
/// </summary>
internal static class LineWrapper
{
    public static IReadOnlyList<StyledLine> Wrap(StyledLine line, int width)
    {
        ArgumentNullException.ThrowIfNull(line);
        width = Math.Max(1, width);
        var elements = new List<(string Text, int Width, string Style)>();
        foreach (var span in line.Spans)
        {
            foreach (var element in DisplayWidth.Elements(span.Text))
            {
                elements.Add((element, DisplayWidth.OfElement(element), span.Style));
            }
        }

        if (elements.Count == 0)
        {
            return [StyledLine.Empty];
        }

        var rows = new List<StyledLine>();
        var start = 0;
        while (start < elements.Count)
        {
            var used = 0;
            var end = start;
            var afterSpace = -1;
            while (end < elements.Count && used + elements[end].Width <= width)
            {
                used += elements[end].Width;
                if (elements[end].Text == " ")
                {
                    afterSpace = end + 1;
                }

                end++;
            }

            if (end < elements.Count && afterSpace > start + 1)
            {
                end = afterSpace;
            }

            end = Math.Max(end, start + 1);
            rows.Add(Build(elements, start, end));
            start = end;
        }

        return rows;
    }

    private static StyledLine Build(List<(string Text, int Width, string Style)> elements, int start, int end)
    {
        var spans = new List<Span>();
        var text = new System.Text.StringBuilder();
        var style = elements[start].Style;
        for (var i = start; i < end; i++)
        {
            if (elements[i].Style != style)
            {
                spans.Add(new Span(text.ToString(), style));
                text.Clear();
                style = elements[i].Style;
            }

            text.Append(elements[i].Text);
        }

        spans.Add(new Span(text.ToString(), style));
        return new StyledLine(spans);
    }
}

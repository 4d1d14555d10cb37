namespace Parley.Cli.Tui;

/// <summary>One line of the conversation (before wrapping) or one screen row (after), as styled runs.</summary>
internal sealed record StyledLine(IReadOnlyList<Span> Spans)
{
    public static readonly StyledLine Empty = new([]);

    public static StyledLine Of(params Span[] spans) => new(spans);

    public static StyledLine Plain(string text, string style = "") => new([new Span(text, style)]);

    /// <summary>The text without styles, as a terminal capture without escapes would show it.</summary>
    public string Text => string.Concat(Spans.Select(s => s.Text));
}

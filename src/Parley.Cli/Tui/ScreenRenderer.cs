using System.Globalization;
using System.Text;

namespace Parley.Cli.Tui;

/// <summary>
/// Turns a <see cref="ScreenFrame"/> into the bytes for the terminal: every row is redrawn in place (cursor
/// positioning and erase-to-end-of-line, never a scroll, so nothing moves the input line), the cursor is
/// hidden while drawing and left in the input line. Pure: tests compare the exact escape sequences.
/// </summary>
internal static class ScreenRenderer
{
    public const string EnterScreen = "\e[?1049h\e[H\e[2J";
    public const string LeaveScreen = "\e[0m\e[?25h\e[?1049l";

    private const string HideCursor = "\e[?25l";
    private const string ShowCursor = "\e[?25h";
    private const string EraseLine = "\e[K";
    private const string ResetStyle = "\e[0m";

    /// <param name="frame">The screen.</param>
    /// <param name="color">False (NO_COLOR): no SGR at all; the layout is the same.</param>
    public static string Render(ScreenFrame frame, bool color)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var output = new StringBuilder(HideCursor);
        var width = Math.Max(1, frame.Width);
        var height = Math.Max(1, frame.Height);
        var row = 1;
        if (height >= 3)
        {
            foreach (var line in frame.Conversation.Take(height - 2))
            {
                MoveTo(output, row++, 1);
                AppendSpans(output, line.Spans, color, string.Empty);
                output.Append(EraseLine);
            }

            MoveTo(output, height - 1, 1);
            var status = DisplayWidth.Truncate(frame.Status.Text, width);
            var spans = LineWrapper.Wrap(frame.Status, width)[0].Spans.Append(new Span(new string(' ', width - DisplayWidth.Of(status))));
            AppendSpans(output, [.. spans], color, Sgr.Reverse);
        }

        var (prompt, text, column) = InputLayout.Fit(frame.Prompt, frame.Input, frame.InputCursor, width);
        MoveTo(output, height, 1);
        output.Append(prompt).Append(text).Append(EraseLine);
        MoveTo(output, height, column + 1);
        output.Append(ShowCursor);
        return output.ToString();
    }

    private static void AppendSpans(StringBuilder output, IReadOnlyList<Span> spans, bool color, string baseStyle)
    {
        foreach (var span in spans)
        {
            var style = baseStyle.Length == 0 ? span.Style : span.Style.Length == 0 ? baseStyle : baseStyle + ";" + span.Style;
            if (!color || style.Length == 0)
            {
                output.Append(span.Text);
                continue;
            }

            output.Append("\e[").Append(style).Append('m').Append(span.Text).Append(ResetStyle);
        }
    }

    private static void MoveTo(StringBuilder output, int row, int column)
        => output.Append(CultureInfo.InvariantCulture, $"\e[{row};{column}H");
}

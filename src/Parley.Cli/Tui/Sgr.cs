namespace Parley.Cli.Tui;

/// <summary>The SGR parameters the UI draws with (see <see cref="Span.Style"/>). Red is kept for errors alone.</summary>
internal static class Sgr
{
    public const string None = "";
    public const string Bold = "1";
    public const string Dim = "2";
    public const string Reverse = "7";
    public const string Error = "31";
    public const string Magenta = "35";
    public const string Mention = "1;93";

    /// <summary>The foreground 256-colour <paramref name="color"/>, with <paramref name="extra"/> parameters before it.</summary>
    public static string Color256(int color, string extra = None)
        => (extra.Length == 0 ? string.Empty : extra + ";") + "38;5;" + color.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

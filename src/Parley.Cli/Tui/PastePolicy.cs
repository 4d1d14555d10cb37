namespace Parley.Cli.Tui;

/// <summary>
/// A paste (several lines that arrived at once) sends one request per non-blank line. More than
/// <see cref="MaxWithoutAsking"/> of them is probably a mistake (a log pasted into the wrong window), so the
/// UI asks first.
/// </summary>
internal static class PastePolicy
{
    public const int MaxWithoutAsking = 5;

    /// <summary>How many requests the lines would send.</summary>
    public static int Messages(IEnumerable<string> lines) => lines.Count(l => !string.IsNullOrWhiteSpace(l));

    public static bool NeedsConfirmation(IEnumerable<string> lines) => Messages(lines) > MaxWithoutAsking;

    public static string Question(IEnumerable<string> lines)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Send {Messages(lines)} lines? [y/N] ");
}

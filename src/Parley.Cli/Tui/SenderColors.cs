using System.Text;

namespace Parley.Cli.Tui;

/// <summary>
/// A stable colour per sender: FNV-1a of the lower-cased name picks one of twelve readable 256-colour codes.
/// The same name gets the same colour in every session and on every machine (string.GetHashCode is randomised
/// per process). No red in the palette: red means an error.
/// </summary>
internal static class SenderColors
{
    /// <summary>Blues, cyans, greens, yellows, orange and purples; all readable on dark and light backgrounds.</summary>
    public static readonly IReadOnlyList<int> Palette = [33, 39, 45, 43, 71, 107, 142, 178, 172, 135, 141, 75];

    public static int For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name.ToLowerInvariant()))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return Palette[(int)(hash % (uint)Palette.Count)];
    }
}

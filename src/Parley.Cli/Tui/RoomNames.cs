namespace Parley.Cli.Tui;

/// <summary>
/// The names Tab can complete: those of the latest <c>names</c> answer ("Users in #lobby (2): alice, bob",
/// read tolerantly: a list, or text after the last colon split on commas and spaces) and the senders of recent
/// messages, newest first. Not thread-safe: the UI holds its lock.
/// </summary>
internal sealed class RoomNames
{
    private const int RecentLimit = 50;

    private readonly List<string> _recent = [];
    private List<string> _listed = [];

    /// <summary>Candidates: recent senders (newest first), then the listed names, without duplicates.</summary>
    public IReadOnlyList<string> All
        => [.. _recent.Concat(_listed).Distinct(StringComparer.OrdinalIgnoreCase)];

    public void OnSender(string name)
    {
        _recent.RemoveAll(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        _recent.Insert(0, name);
        if (_recent.Count > RecentLimit)
        {
            _recent.RemoveAt(_recent.Count - 1);
        }
    }

    /// <summary>Takes the names from an answer to <c>names</c>; false when it does not look like one.</summary>
    public bool TryTakeListing(IReadOnlyList<string>? items, string? text)
    {
        if (items is { Count: > 0 })
        {
            _listed = [.. items.Select(i => i.Trim()).Where(IsName)];
            return true;
        }

        if (text is null || !text.StartsWith("Users", StringComparison.OrdinalIgnoreCase) || text.LastIndexOf(':') is var colon && colon < 0)
        {
            return false;
        }

        _listed = [.. text[(colon + 1)..].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(IsName)];
        return true;
    }

    // A name never contains spaces or control characters; anything else is the server's to judge.
    private static bool IsName(string word) => word.Length is > 0 and <= 64 && !word.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}

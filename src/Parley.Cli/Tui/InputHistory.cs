namespace Parley.Cli.Tui;

/// <summary>
/// The lines sent this session, for Up/Down (at most <paramref name="capacity"/>, in memory only). Browsing
/// keeps the half-typed line: Down past the newest entry brings it back. Not thread-safe: the UI holds its lock.
/// </summary>
internal sealed class InputHistory(int capacity = InputHistory.DefaultCapacity)
{
    public const int DefaultCapacity = 500;

    private readonly List<string> _entries = [];
    private int _position;
    private string _draft = string.Empty;

    public int Count => _entries.Count;

    public bool IsBrowsing => _position < _entries.Count;

    /// <summary>Adds a sent line (not blank ones, nor the same line twice in a row) and stops browsing.</summary>
    public void Add(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!string.IsNullOrWhiteSpace(line) && (_entries.Count == 0 || _entries[^1] != line))
        {
            _entries.Add(line);
            if (_entries.Count > capacity)
            {
                _entries.RemoveAt(0);
            }
        }

        _position = _entries.Count;
        _draft = string.Empty;
    }

    /// <summary>The entry before the one shown (Up); <see langword="null"/> at the oldest. <paramref name="current"/> is kept as the draft.</summary>
    public string? Previous(string current)
    {
        if (_position == 0)
        {
            return null;
        }

        if (!IsBrowsing)
        {
            _draft = current;
        }

        return _entries[--_position];
    }

    /// <summary>The entry after the one shown (Down), the draft past the newest; <see langword="null"/> when not browsing.</summary>
    public string? Next()
    {
        if (!IsBrowsing)
        {
            return null;
        }

        _position++;
        return IsBrowsing ? _entries[_position] : _draft;
    }
}

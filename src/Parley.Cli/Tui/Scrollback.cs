namespace Parley.Cli.Tui;

/// <summary>
/// The conversation: a ring buffer of the last <see cref="Capacity"/> lines and how far the view is scrolled
/// back, in screen rows. Lines are kept unwrapped and wrapped when shown, so a resize rewraps everything.
/// While scrolled back, a new line moves the offset with it: the rows being read stay put, and
/// <see cref="HasUnseen"/> says there is more below. Not thread-safe: the UI holds its lock.
/// </summary>
internal sealed class Scrollback(int capacity = Scrollback.DefaultCapacity)
{
    public const int DefaultCapacity = 5000;

    private readonly StyledLine[] _lines = new StyledLine[Math.Max(1, capacity)];
    private int _first;
    private int _lastWidth = 80;

    public int Capacity => _lines.Length;

    public int Count { get; private set; }

    /// <summary>Rows scrolled back from the newest; 0 follows new lines.</summary>
    public int Offset { get; private set; }

    /// <summary>Lines arrived below the view while it was scrolled back.</summary>
    public bool HasUnseen { get; private set; }

    /// <summary>The <paramref name="index"/>th line kept, oldest first.</summary>
    public StyledLine this[int index] => _lines[(_first + index) % _lines.Length];

    public void Add(StyledLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (Count == _lines.Length)
        {
            _lines[_first] = line;
            _first = (_first + 1) % _lines.Length;
        }
        else
        {
            _lines[(_first + Count) % _lines.Length] = line;
            Count++;
        }

        if (Offset > 0)
        {
            Offset += LineWrapper.Wrap(line, _lastWidth).Count;
            HasUnseen = true;
        }
    }

    public void ScrollUp(int rows) => Offset += Math.Max(0, rows);

    public void ScrollDown(int rows)
    {
        Offset = Math.Max(0, Offset - Math.Max(0, rows));
        HasUnseen &= Offset > 0;
    }

    public void ScrollToBottom() => ScrollDown(Offset);

    /// <summary>The <paramref name="height"/> rows to show at <paramref name="width"/>, top first, padded with empty rows at the top.</summary>
    public IReadOnlyList<StyledLine> View(int width, int height)
    {
        _lastWidth = Math.Max(1, width);
        height = Math.Max(0, height);
        // Walk back from the newest line only as far as the view needs: O(offset + height), not O(scrollback).
        var rows = new List<StyledLine>();
        for (var index = Count - 1; index >= 0 && rows.Count < Offset + height; index--)
        {
            var wrapped = LineWrapper.Wrap(this[index], _lastWidth);
            for (var i = wrapped.Count - 1; i >= 0; i--)
            {
                rows.Add(wrapped[i]);
            }
        }

        // Scrolled past the oldest line: stop at the top instead.
        Offset = Math.Min(Offset, Math.Max(0, rows.Count - height));
        HasUnseen &= Offset > 0;
        var view = rows.Skip(Offset).Take(height).Reverse().ToList();
        while (view.Count < height)
        {
            view.Insert(0, StyledLine.Empty);
        }

        return view;
    }
}

using System.Text;

namespace Parley.Cli;

/// <summary>The line being typed and the cursor in it. Not thread-safe: the terminal service holds its lock.</summary>
internal sealed class LineEditor
{
    private readonly StringBuilder _text = new();

    public int Cursor { get; private set; }

    public string Text => _text.ToString();

    public bool IsEmpty => _text.Length == 0;

    public void Insert(char c)
    {
        _text.Insert(Cursor, c);
        Cursor++;
    }

    public bool Backspace()
    {
        if (Cursor == 0)
        {
            return false;
        }

        _text.Remove(--Cursor, 1);
        return true;
    }

    public bool Delete()
    {
        if (Cursor >= _text.Length)
        {
            return false;
        }

        _text.Remove(Cursor, 1);
        return true;
    }

    public void Left() => Cursor = Math.Max(0, Cursor - 1);

    public void Right() => Cursor = Math.Min(_text.Length, Cursor + 1);

    public void Home() => Cursor = 0;

    public void End() => Cursor = _text.Length;

    /// <summary>Takes the line (Enter) and starts a new one.</summary>
    public string Take()
    {
        var line = _text.ToString();
        _text.Clear();
        Cursor = 0;
        return line;
    }
}

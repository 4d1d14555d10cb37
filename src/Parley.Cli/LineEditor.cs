using System.Globalization;
using System.Text;

namespace Parley.Cli;

/// <summary>
/// The line being typed and the cursor in it (a char index). The cursor moves and deletes by text element,
/// so an emoji or a letter with its accent is never cut in half. Not thread-safe: the terminal service holds its lock.
/// </summary>
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

        var start = PreviousBoundary();
        _text.Remove(start, Cursor - start);
        Cursor = start;
        return true;
    }

    public bool Delete()
    {
        if (Cursor >= _text.Length)
        {
            return false;
        }

        _text.Remove(Cursor, NextBoundary() - Cursor);
        return true;
    }

    public void Left() => Cursor = PreviousBoundary();

    public void Right() => Cursor = NextBoundary();

    public void Home() => Cursor = 0;

    public void End() => Cursor = _text.Length;

    /// <summary>Ctrl+U: deletes from the start of the line to the cursor.</summary>
    public void DeleteToStart()
    {
        _text.Remove(0, Cursor);
        Cursor = 0;
    }

    /// <summary>Ctrl+W: deletes the word before the cursor, and the spaces after it.</summary>
    public void DeleteWordBefore()
    {
        var start = Cursor;
        while (start > 0 && _text[start - 1] == ' ')
        {
            start--;
        }

        while (start > 0 && _text[start - 1] != ' ')
        {
            start--;
        }

        _text.Remove(start, Cursor - start);
        Cursor = start;
    }

    /// <summary>Replaces the line (history, completion), the cursor at <paramref name="cursor"/> or the end.</summary>
    public void Set(string text, int? cursor = null)
    {
        _text.Clear().Append(text);
        Cursor = Math.Clamp(cursor ?? text.Length, 0, text.Length);
    }

    /// <summary>Takes the line (Enter) and starts a new one.</summary>
    public string Take()
    {
        var line = _text.ToString();
        _text.Clear();
        Cursor = 0;
        return line;
    }

    private int PreviousBoundary()
    {
        var previous = 0;
        foreach (var start in StringInfo.ParseCombiningCharacters(_text.ToString()))
        {
            if (start >= Cursor)
            {
                break;
            }

            previous = start;
        }

        return previous;
    }

    private int NextBoundary()
    {
        foreach (var start in StringInfo.ParseCombiningCharacters(_text.ToString()))
        {
            if (start > Cursor)
            {
                return start;
            }
        }

        return _text.Length;
    }
}

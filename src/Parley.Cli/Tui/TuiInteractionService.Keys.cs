using Parley.Client;

namespace Parley.Cli.Tui;

/// <summary>The keys of the full-screen UI: editing, history, completion, scrolling, and the secret prompt.</summary>
internal sealed partial class TuiInteractionService
{
    public static readonly IReadOnlyList<string> KeysHelp =
    [
        "Keys: Enter sends; Left/Right/Home/End (Ctrl+A/Ctrl+E) move; Backspace/Delete, Ctrl+U and Ctrl+W delete;",
        "Up/Down recall earlier lines; Tab completes commands and names (again: the next one);",
        "PageUp/PageDown (Shift+Up/Down: one row) scroll back; Ctrl+L redraws; Ctrl+C or /quit leaves.",
        "Client commands: /ids shows or hides message ids, /quit logs out and leaves. Server commands follow.",
    ];

    /// <summary>
    /// Applies one key. Returns the finished line on Enter, otherwise <see langword="null"/>. With
    /// <paramref name="render"/> false the screen is not redrawn (more keys are waiting: a paste).
    /// </summary>
    public string? OnKey(ConsoleKeyInfo key, bool render = true)
    {
        lock (_lock)
        {
            if (_secret.IsActive)
            {
                if (_secret.OnKey(key))
                {
                    AfterSecret();
                }

                return null;
            }

            var line = OnEditKey(key);
            if (render || line is not null)
            {
                Render();
            }

            return line;
        }
    }

    private string? OnEditKey(ConsoleKeyInfo key)
    {
        var shift = key.Modifiers.HasFlag(ConsoleModifiers.Shift);
        var page = Math.Max(1, _size().Height - 3);
        if (key.Key != ConsoleKey.Tab)
        {
            _completer.Reset();
        }

        switch (key.Key)
        {
            case ConsoleKey.Enter:
            case var _ when key.KeyChar is '\r' or '\n':
                return Submit();
            case ConsoleKey.Tab:
                var completed = _completer.Complete(_editor.Text, _editor.Cursor, Commands(), _names.All.Where(n => !string.Equals(n, _state.Username, StringComparison.OrdinalIgnoreCase)));
                if (completed is var (text, cursor))
                {
                    _editor.Set(text, cursor);
                }

                break;
            case ConsoleKey.UpArrow when shift:
                _scrollback.ScrollUp(1);
                break;
            case ConsoleKey.DownArrow when shift:
                _scrollback.ScrollDown(1);
                break;
            case ConsoleKey.PageUp:
                _scrollback.ScrollUp(page);
                break;
            case ConsoleKey.PageDown:
                _scrollback.ScrollDown(page);
                break;
            case ConsoleKey.UpArrow:
                if (_history.Previous(_editor.Text) is { } previous)
                {
                    _editor.Set(previous);
                }

                break;
            case ConsoleKey.DownArrow:
                if (_history.Next() is { } next)
                {
                    _editor.Set(next);
                }

                break;
            case ConsoleKey.Backspace:
                _editor.Backspace();
                break;
            case ConsoleKey.Delete:
                _editor.Delete();
                break;
            case ConsoleKey.LeftArrow:
                _editor.Left();
                break;
            case ConsoleKey.RightArrow:
                _editor.Right();
                break;
            case ConsoleKey.Home:
            case var _ when key.KeyChar == '\u0001':
                _editor.Home();
                break;
            case ConsoleKey.End:
            case var _ when key.KeyChar == '\u0005':
                _editor.End();
                break;
            case var _ when key.KeyChar == '\u0015':
                _editor.DeleteToStart();
                break;
            case var _ when key.KeyChar == '\u0017':
                // Ctrl+W, as in shells and readline.
                _editor.DeleteWordBefore();
                break;
            case var _ when key.KeyChar == '\u000c':
                // Ctrl+L: the screen may have been written over by another program; start from a blank one.
                _screen.Write("\e[2J");
                break;
            default:
                if (!char.IsControl(key.KeyChar))
                {
                    _editor.Insert(key.KeyChar);
                }

                break;
        }

        return null;
    }

    private string Submit()
    {
        var line = _editor.Take();
        _history.Add(line);
        _scrollback.ScrollToBottom();
        if (string.Equals(line.Trim(), "/help", StringComparison.OrdinalIgnoreCase))
        {
            // The client's own keys and commands first; the session loop then asks the server for its help.
            foreach (var help in KeysHelp)
            {
                _scrollback.Add(TuiFormatter.Local(help));
            }
        }
        else if (line.Trim().Length > 0 && !_state.IsLoggedIn)
        {
            // Before login the typed line is the only trace of what was asked; once logged in the echo shows it.
            _scrollback.Add(StyledLine.Plain("> " + SecretMask.Mask(line), Sgr.Dim));
        }

        _lastError = null;
        return line;
    }

    private IEnumerable<string> Commands()
        => TabCompleter.BaseCommands.Concat(_state.Extensions.Select(e => "/" + e));

    private void EndSecret(TaskCompletionSource<string?> reader)
    {
        lock (_lock)
        {
            if (_secret.End(reader, null))
            {
                AfterSecret();
            }
        }
    }

    private void AfterSecret() => Render();
}

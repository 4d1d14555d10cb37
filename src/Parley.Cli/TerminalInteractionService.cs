using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Output for interactive mode. A prompt and the half-typed line stay at the bottom: when a payload arrives
/// the line is cleared (<c>\r</c> + <c>ESC[K</c>), the output printed, then the prompt and the line redrawn
/// intact. Every console write goes through one lock, so the key reader and the receive loop never interleave.
/// </summary>
internal sealed class TerminalInteractionService(EventPresenter presenter, ClientState state) : IInteractionService
{
    private const string ClearLine = "\r\e[K";

    private readonly Lock _lock = new();
    private readonly LineEditor _editor = new();

    public void ShowEvent(ServerEvent received) => WriteAbovePrompt(presenter.Present(received), Console.Out);

    public void ShowHint(string text) => WriteAbovePrompt([presenter.Formatter.Local(text)], Console.Out);

    public void ShowError(string text) => WriteAbovePrompt([text], Console.Error);

    /// <summary>Applies one key to the line. Returns the finished line on Enter, otherwise <see langword="null"/>.</summary>
    public string? OnKey(ConsoleKeyInfo key)
    {
        lock (_lock)
        {
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    var line = _editor.Take();
                    // The typed line stays on screen, like a shell; the prompt moves below it.
                    Console.Out.Write("\r\n");
                    Redraw();
                    return line;
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
                    _editor.Home();
                    break;
                case ConsoleKey.End:
                    _editor.End();
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        _editor.Insert(key.KeyChar);
                    }

                    break;
            }

            Redraw();
            return null;
        }
    }

    public bool IsLineEmpty
    {
        get
        {
            lock (_lock)
            {
                return _editor.IsEmpty;
            }
        }
    }

    /// <summary>Draws the prompt and the current line; used once at start and after every change.</summary>
    public void ShowPrompt()
    {
        lock (_lock)
        {
            Redraw();
        }
    }

    /// <summary>Leaves the prompt line, so what follows (the shell prompt) starts on a fresh line.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            Console.Out.Write(ClearLine);
            Console.Out.Flush();
        }
    }

    private void WriteAbovePrompt(IReadOnlyList<string> lines, TextWriter target)
    {
        lock (_lock)
        {
            Console.Out.Write(ClearLine);
            Console.Out.Flush();
            foreach (var line in lines)
            {
                target.Write(line);
                target.Write("\r\n");
            }

            target.Flush();
            Redraw();
        }
    }

    private void Redraw()
    {
        var prompt = state.Username is { } name && state.IsLoggedIn ? name + "> " : "> ";
        Console.Out.Write(ClearLine + prompt + _editor.Text);
        var back = _editor.Text.Length - _editor.Cursor;
        if (back > 0)
        {
            Console.Out.Write($"\e[{back}D");
        }

        Console.Out.Flush();
    }
}

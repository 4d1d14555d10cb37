using Parley.Cli.Tui;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Output for interactive mode. A prompt and the half-typed line stay at the bottom: when a payload arrives
/// the line is cleared (<c>\r</c> + <c>ESC[K</c>), the output printed, then the prompt and the line redrawn
/// intact. Every console write goes through one lock, so the key reader and the receive loop never interleave.
/// Passwords never reach the screen: typed ones in a command line are drawn as <c>*</c> (<see cref="SecretMask"/>),
/// and while a secret is being read (<see cref="ReadSecretAsync"/>) the keys go to it and nothing is echoed.
/// </summary>
internal sealed class TerminalInteractionService(EventPresenter presenter, ClientState state) : IInteractionService
{
    private const string ClearLine = "\r\e[K";

    private readonly Lock _lock = new();
    private readonly LineEditor _editor = new();
    private readonly SecretEntry _secret = new();

    public bool ShowIds
    {
        get => presenter.Formatter.ShowIds;
        set => presenter.Formatter.ShowIds = value;
    }

    public bool CanReadSecrets => true;

    public void ShowEvent(ServerEvent received) => WriteAbovePrompt(presenter.Present(received, state.Room), Console.Out);

    public void ShowHint(string text) => WriteAbovePrompt([presenter.Formatter.Local(text)], Console.Out);

    public void ShowError(string text) => WriteAbovePrompt([text], Console.Error);

    public void ShowConnectionState(ConnectionState state, string? detail)
        => ShowHint(detail is null ? $"[{state.ToString().ToLowerInvariant()}]" : $"[{state.ToString().ToLowerInvariant()}] {detail}");

    public async Task<string?> ReadSecretAsync(string prompt, CancellationToken cancellationToken)
    {
        TaskCompletionSource<string?> reader;
        lock (_lock)
        {
            reader = _secret.Begin(prompt);
            Redraw();
        }

        using (cancellationToken.Register(() => EndSecret(reader)))
        {
            return await reader.Task;
        }
    }

    /// <summary>Ends a secret being read as cancelled (Ctrl+C, Ctrl+D); false when none was being read.</summary>
    public bool CancelSecret()
    {
        lock (_lock)
        {
            if (!_secret.Cancel())
            {
                return false;
            }

            AfterSecret();
            return true;
        }
    }

    /// <summary>Applies one key to the line (or the secret). Returns the finished line on Enter, otherwise <see langword="null"/>.</summary>
    public string? OnKey(ConsoleKeyInfo key)
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

            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    var line = _editor.Take();
                    // The typed line stays on screen (passwords masked, as drawn), like a shell; the prompt moves below it.
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

    private void AfterSecret()
    {
        // The prompt stays on screen with nothing after it; the normal prompt and half-typed line come back below.
        Console.Out.Write("\r\n");
        Redraw();
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
        if (_secret.IsActive)
        {
            Console.Out.Write(ClearLine + _secret.Prompt);
            Console.Out.Flush();
            return;
        }

        var prompt = EventFormatter.Prompt(state.IsLoggedIn ? state.Username : null, state.HasRooms ? state.Room : null);
        Console.Out.Write(ClearLine + prompt + SecretMask.Mask(_editor.Text));
        // Columns, not chars: a wide character or an emoji after the cursor takes two.
        var back = DisplayWidth.Of(SecretMask.Mask(_editor.Text)[_editor.Cursor..]);
        if (back > 0)
        {
            Console.Out.Write($"\e[{back}D");
        }

        Console.Out.Flush();
    }
}

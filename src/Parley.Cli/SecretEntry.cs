using System.Text;

namespace Parley.Cli;

/// <summary>
/// A password being read without echo, for both terminal UIs: the prompt, what was typed, and the caller
/// waiting for it. Not thread-safe: the UI that owns it calls it under its own lock, and redraws after.
/// </summary>
internal sealed class SecretEntry
{
    private readonly StringBuilder _typed = new();
    private TaskCompletionSource<string?>? _reader;

    public string Prompt { get; private set; } = string.Empty;

    public bool IsActive => _reader is not null;

    /// <summary>Starts reading; a read still under way ends as cancelled.</summary>
    public TaskCompletionSource<string?> Begin(string prompt)
    {
        _reader?.TrySetResult(null);
        _reader = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Prompt = prompt;
        _typed.Clear();
        return _reader;
    }

    /// <summary>Applies a key; true when it ended the read (Enter: what was typed; Escape: cancelled).</summary>
    public bool OnKey(ConsoleKeyInfo key)
    {
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return End(_reader, _typed.ToString());
            case ConsoleKey.Escape:
                return End(_reader, null);
            case ConsoleKey.Backspace when _typed.Length > 0:
                _typed.Length--;
                return false;
            default:
                // Nothing is drawn, not even '*': the length of a password is a secret too.
                if (!char.IsControl(key.KeyChar))
                {
                    _typed.Append(key.KeyChar);
                }

                return false;
        }
    }

    /// <summary>Ends <paramref name="reader"/> with <paramref name="value"/> if it is still the read under way.</summary>
    public bool End(TaskCompletionSource<string?>? reader, string? value)
    {
        if (reader is null || !ReferenceEquals(_reader, reader))
        {
            return false;
        }

        _reader = null;
        _typed.Clear();
        reader.TrySetResult(value);
        return true;
    }

    /// <summary>Ends the read under way as cancelled; false when none was.</summary>
    public bool Cancel() => End(_reader, null);
}

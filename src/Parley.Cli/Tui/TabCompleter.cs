namespace Parley.Cli.Tui;

/// <summary>
/// Tab completion of the word before the cursor: a command when it is the first word and starts with '/',
/// else a name. A name at the start of the line completes as "bob: ", elsewhere as "bob "; a command as
/// "/join ". Tab again, with the line as the last completion left it, cycles through the candidates.
/// </summary>
internal sealed class TabCompleter
{
    /// <summary>The client's own commands and the base and Parley requests; the server's extensions are added.</summary>
    public static readonly IReadOnlyList<string> BaseCommands =
        ["/join", "/leave", "/rooms", "/dm", "/names", "/help", "/quit", "/ids", "/msg", "/login", "/logout", "/register", "/password"];

    private Cycle? _cycle;

    /// <summary>The line and cursor after Tab; <see langword="null"/> when nothing completes.</summary>
    public (string Text, int Cursor)? Complete(string text, int cursor, IEnumerable<string> commands, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_cycle is { } cycle && cycle.Result == text && cycle.ResultCursor == cursor)
        {
            return Apply(cycle with { Index = (cycle.Index + 1) % cycle.Candidates.Count });
        }

        _cycle = null;
        var start = cursor;
        while (start > 0 && text[start - 1] != ' ')
        {
            start--;
        }

        var word = text[start..cursor];
        var isCommand = start == 0 && word.StartsWith('/');
        var pool = isCommand ? commands : names.Where(n => !n.StartsWith('/'));
        var candidates = pool
            .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (isCommand)
        {
            candidates.Sort(StringComparer.OrdinalIgnoreCase);
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var suffix = isCommand || start > 0 ? " " : ": ";
        return Apply(new Cycle(text[..start], text[cursor..], candidates, suffix, 0, string.Empty, 0));
    }

    /// <summary>Forgets the cycle: the next Tab starts from the line as it is.</summary>
    public void Reset() => _cycle = null;

    private (string Text, int Cursor) Apply(Cycle cycle)
    {
        var inserted = cycle.Candidates[cycle.Index] + cycle.Suffix;
        var result = cycle.Before + inserted + cycle.After;
        var resultCursor = cycle.Before.Length + inserted.Length;
        _cycle = cycle with { Result = result, ResultCursor = resultCursor };
        return (result, resultCursor);
    }

    private sealed record Cycle(string Before, string After, IReadOnlyList<string> Candidates, string Suffix, int Index, string Result, int ResultCursor);
}

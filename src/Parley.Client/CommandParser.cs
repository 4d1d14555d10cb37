namespace Parley.Client;

/// <summary>
/// Turns a typed line into a request. <c>login &lt;name&gt;</c>, <c>logout</c>, <c>msg &lt;text&gt;</c>,
/// <c>names</c>, <c>help</c> work with or without a leading <c>/</c>; any other <c>/word rest</c> is sent as
/// request <c>word</c> with content <c>rest</c>, so new server extensions work without a client change.
/// Plain text is a message once logged in. Content is <see langword="null"/> when there is no argument.
/// The client's own commands: <c>/quit</c> (or <c>/exit</c>) and <c>/ids</c> (show or hide message ids).
/// </summary>
public static class CommandParser
{
    public const string NotLoggedInHint = "Not logged in: type 'login <username>' first, or 'help'.";

    public const string ClientCommandsHint = "Type /help for the server's commands, /ids to show or hide message ids, /quit to leave.";

    /// <summary>Commands that take no argument: as a bare word they are only a command when alone on the line.</summary>
    private static readonly HashSet<string> s_bareWords = new(StringComparer.OrdinalIgnoreCase) { "logout", "names", "help" };

    /// <summary>Commands that take an argument: as a bare first word they are always the command (alone: a usage hint).</summary>
    private static readonly HashSet<string> s_bareWithArgument = new(StringComparer.OrdinalIgnoreCase) { "login", "msg" };

    private static readonly HashSet<string> s_quitWords = new(StringComparer.OrdinalIgnoreCase) { "quit", "exit" };

    /// <param name="line">The line as typed.</param>
    /// <param name="loggedIn">Whether plain text may be sent as a message.</param>
    public static ParsedCommand Parse(string? line, bool loggedIn)
    {
        var text = line?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return ParsedCommand.Nothing;
        }

        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            // "//x" escapes the slash: a message that starts with "/".
            return Message(text[1..], loggedIn);
        }

        if (text[0] == '/')
        {
            var (word, rest) = Split(text[1..]);
            if (word.Length == 0)
            {
                return ParsedCommand.Local(ClientCommandsHint);
            }

            if (string.Equals(word, "ids", StringComparison.OrdinalIgnoreCase))
            {
                return ParsedCommand.ToggleIds;
            }

            return s_quitWords.Contains(word) ? ParsedCommand.Quit : Command(word.ToLowerInvariant(), rest);
        }

        var (first, argument) = Split(text);
        if ((argument is null && s_bareWords.Contains(first)) || s_bareWithArgument.Contains(first))
        {
            return Command(first.ToLowerInvariant(), argument);
        }

        return Message(text, loggedIn);
    }

    private static ParsedCommand Command(string word, string? rest) => word switch
    {
        "login" when rest is null => ParsedCommand.Local("Usage: login <username>"),
        "msg" when rest is null => ParsedCommand.Local("Usage: msg <message>"),
        _ => ParsedCommand.Send(word, rest),
    };

    private static ParsedCommand Message(string text, bool loggedIn)
        => loggedIn ? ParsedCommand.Send("msg", text) : ParsedCommand.Local(NotLoggedInHint);

    /// <summary>The first word, and the rest of the line (trimmed; <see langword="null"/> when empty).</summary>
    private static (string Word, string? Remainder) Split(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        var rest = text[end..].Trim();
        return (text[..end], rest.Length == 0 ? null : rest);
    }
}

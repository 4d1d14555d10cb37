namespace Parley.Client;

/// <summary>What the client should do with a line the user typed.</summary>
public enum CommandAction
{
    /// <summary>Nothing (an empty line).</summary>
    None,

    /// <summary>Send <see cref="ParsedCommand.Request"/> to the server.</summary>
    Send,

    /// <summary>Show <see cref="ParsedCommand.Hint"/> locally; nothing is sent.</summary>
    Hint,

    /// <summary>Leave: log out first when logged in.</summary>
    Quit,

    /// <summary><c>/ids</c>: show or hide message ids; nothing is sent.</summary>
    ToggleIds,
}

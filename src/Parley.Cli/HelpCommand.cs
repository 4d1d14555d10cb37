namespace Parley.Cli;

/// <summary><c>parley --help</c>: the usage text.</summary>
internal static class HelpCommand
{
    public const string Usage = """
        Usage: parley [--json] [--ids] [HOST] [PORT]

        A terminal client for KTN chat servers (JSON over TCP).

        Arguments:
          HOST      server name or address (default: localhost)
          PORT      server port (default: 9998)

        Options:
          --json    print every received payload as one compact JSON line
          --ids     show message ids (#42), as moderators need for /delete
          --help    show this text

        Commands (with or without a leading /):
          login <username>   log in
          msg <message>      send a message (plain text does the same once logged in)
          names              list the users in the chat
          help               ask the server for its help text
          logout             log out; the server closes the connection
          /<word> [text]     send any other request the server supports (Parley: /join <room>,
                             /leave, /rooms, /dm <user> <text>, /register, /password, ...)
          /ids               show or hide message ids (the client's own command)
          /quit              log out (when logged in) and leave; also Ctrl+C, or Ctrl+D on an empty line

        On a terminal, the client asks for passwords without echoing them: after 'login <name>' when the
        name is registered, and for '/register' or '/password' typed without arguments. Direct messages
        read '*alice -> bob* text'.

        On a terminal (stdin and stdout) the client runs full-screen: a status line, a fixed input line,
        scrollback (PageUp/PageDown), Up/Down for earlier lines, Tab to complete commands and names;
        /help lists the keys. With --json, or TERM=dumb, it prints plain lines instead.

        On a terminal, a lost connection is retried after 1 s, 2 s, 4 s, ... up to 30 s (each +-20 %): the
        client logs in again with the same name (and password), rejoins the room, shows the messages you
        missed, then sends what you typed meanwhile. /quit or Ctrl+C leaves at once.

        When standard input is not a terminal, each input line is one command; at the end of the input
        the client logs out and exits. A lost connection ends it (exit code 3).

        Environment:
          NO_COLOR                   no colour
          PARLEY_RECONNECT_BASE_MS   first reconnect delay in ms instead of 1000, the cap 30 times it
                                     (a testing aid)

        Exit codes: 0 normal, 1 bad arguments, 2 cannot connect, 3 connection lost.
        Colour is used only on a terminal and when NO_COLOR is not set.
        """;

    public static int Run(TextWriter output)
    {
        output.WriteLine(Usage);
        return ExitCodes.Success;
    }
}

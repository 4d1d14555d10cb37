using System.Net.Sockets;
using Parley.Client;

namespace Parley.Cli;

/// <summary><c>parley [--json] [--ids] [HOST] [PORT]</c>: connect, then run the interactive or the pipe mode.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (!CliOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync($"parley: {error}. Try 'parley --help'.");
            return ExitCodes.InvalidArguments;
        }

        if (options.ShowHelp)
        {
            return HelpCommand.Run(Console.Out);
        }

        var useColor = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var presenter = new EventPresenter(options.Json, new EventFormatter(useColor) { ShowIds = options.ShowIds });
        // One state for every connection of the session: the terminal shows it, and reconnects keep it.
        var state = new ClientState();
        Task<ChatConnection> ConnectAsync(CancellationToken cancellationToken)
            => ChatConnection.ConnectAsync(options.Host, options.Port, null, state, cancellationToken);

        ChatConnection connection;
        try
        {
            connection = await ConnectAsync(CancellationToken.None);
        }
        catch (SocketException ex)
        {
            // One clear line, no stack trace: this is the common "server not running" case.
            await Console.Error.WriteLineAsync($"parley: cannot connect to {options.Host}:{options.Port}: {ex.Message}");
            return ExitCodes.CannotConnect;
        }

        await using (connection)
        {
            return Console.IsInputRedirected
                ? await PipeMode.RunAsync(connection, presenter, CancellationToken.None)
                : await InteractiveMode.RunAsync(connection, presenter, Reconnect(options, ConnectAsync), CancellationToken.None);
        }
    }

    /// <summary>Only interactive mode reconnects: a script in pipe mode is better served by exit code 3.</summary>
    private static ReconnectOptions Reconnect(CliOptions options, Func<CancellationToken, Task<ChatConnection>> connect)
        => new(options.Host + ":" + options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), connect)
        {
            Policy = ReconnectOptions.PolicyFromEnvironment(),
        };
}

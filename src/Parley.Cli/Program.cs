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
        ChatConnection connection;
        try
        {
            connection = await ChatConnection.ConnectAsync(options.Host, options.Port, CancellationToken.None);
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
                : await InteractiveMode.RunAsync(connection, presenter, $"{options.Host}:{options.Port}", CancellationToken.None);
        }
    }
}

using System.Text.RegularExpressions;

namespace Parley.EndToEnd.Tests;

/// <summary>The real server exe on a free loopback port, started fresh for a test.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private ServerProcess(ChildProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    public static Task<ServerProcess> StartAsync(params string[] extraArguments) => StartAsync(new Dictionary<string, string>(), extraArguments);

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var process = ChildProcess.StartDotnet(Executables.ServerDll, environment, ["--host", "127.0.0.1", "--port", "0", .. extraArguments]);
        var line = await process.WaitForLineAsync(l => ListeningLine().IsMatch(l));
        var port = int.Parse(ListeningLine().Match(line).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new ServerProcess(process, port);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

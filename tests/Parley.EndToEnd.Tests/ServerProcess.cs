using System.Text.RegularExpressions;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The real server exe on a free loopback port, started fresh for a test. Unless the test names a database
/// (<c>--db</c>, to restart on the same file), the server gets a SQLite file of its own in a temporary
/// directory, deleted with it.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly DirectoryInfo? _directory;

    private ServerProcess(ChildProcess process, int port, DirectoryInfo? directory)
    {
        Process = process;
        Port = port;
        _directory = directory;
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    public static Task<ServerProcess> StartAsync(params string[] extraArguments) => StartAsync(new Dictionary<string, string>(), extraArguments);

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var directory = extraArguments.Contains("--db") ? null : Directory.CreateTempSubdirectory("parley-e2e-");
        string[] database = directory is null ? [] : ["--db", Path.Combine(directory.FullName, "parley.db")];
        var process = ChildProcess.StartDotnet(Executables.ServerDll, environment, ["--host", "127.0.0.1", "--port", "0", .. database, .. extraArguments]);
        var line = await process.WaitForLineAsync(l => ListeningLine().IsMatch(l));
        var port = int.Parse(ListeningLine().Match(line).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new ServerProcess(process, port, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _directory?.Delete(recursive: true);
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

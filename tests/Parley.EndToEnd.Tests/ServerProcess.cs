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

    public static Task<ServerProcess> StartAsync(params string[] extraArguments) => StartAsync(0, new Dictionary<string, string>(), extraArguments);

    public static Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
        => StartAsync(0, environment, extraArguments);

    /// <summary>On a fixed <paramref name="port"/> (see <see cref="FreePort"/>): a restarted server must come back where its clients look.</summary>
    public static Task<ServerProcess> StartAsync(int port, params string[] extraArguments) => StartAsync(port, new Dictionary<string, string>(), extraArguments);

    // Every client here comes from 127.0.0.1 and scripts type faster than people: the flood and connection
    // limits start far above what a test reaches; an extra argument overrides them (the last value wins).
    private static readonly string[] s_generousLimits =
        ["--message-burst", "1000000", "--request-burst", "1000000", "--max-connections-per-address", "100000", "--max-connections", "100000"];

    /// <summary>A port nothing listens on now: bound to port 0, read, released. Free again unless another process takes it meanwhile.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<ServerProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment, string[] extraArguments)
    {
        var directory = extraArguments.Contains("--db") ? null : Directory.CreateTempSubdirectory("parley-e2e-");
        string[] database = directory is null ? [] : ["--db", Path.Combine(directory.FullName, "parley.db")];
        // HTTP off unless a test turns it on: every server here would want port 8080.
        string[] arguments = ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-port", "0", .. database, .. s_generousLimits, .. extraArguments];
        var process = ChildProcess.StartDotnet(Executables.ServerDll, environment, arguments);
        var line = await process.WaitForLineAsync(l => ListeningLine().IsMatch(l));
        var listening = int.Parse(ListeningLine().Match(line).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new ServerProcess(process, listening, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _directory?.Delete(recursive: true);
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

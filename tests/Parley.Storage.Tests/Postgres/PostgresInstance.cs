using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Parley.Storage.Tests.Postgres;

/// <summary>
/// A PostgreSQL server of the test's own (initdb in a temporary directory, a free loopback port), which the test
/// stops and starts with pg_ctl to make a real outage: connections refused, sessions ended by a shutdown. The
/// binaries are those of <c>PARLEY_TEST_POSTGRES_BIN</c>, set by scripts/services.sh. PostgreSQL refuses to
/// run as root, so as root it runs as the <c>postgres</c> system user (which owns the directory).
/// </summary>
internal sealed class PostgresInstance : IAsyncDisposable
{
    public const string BinariesVariable = "PARLEY_TEST_POSTGRES_BIN";

    private static readonly TimeSpan s_commandLimit = TimeSpan.FromSeconds(120);
    private readonly string _directory;
    private readonly string _binaries;
    private bool _running;

    private PostgresInstance(string directory, string binaries, int port)
    {
        _directory = directory;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Its <c>postgres</c> database, as the superuser <c>postgres</c> (trust on loopback).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = "postgres",
    }.ConnectionString;

    private string DataDirectory => Path.Combine(_directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresInstance> StartNewAsync()
    {
        var binaries = Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{BinariesVariable} is not set, and this test runs a PostgreSQL server of its own. Run the tests with " +
                "scripts/test.sh, which installs PostgreSQL and sets it (scripts/services.sh).");
        var directory = Directory.CreateTempSubdirectory("parley-pg-").FullName;
        var instance = new PostgresInstance(directory, binaries, FreePort());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres:", directory]);
            }

            await instance.RunToolAsync("initdb", "-D", instance.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions");
            await instance.StartAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync()
    {
        await RunToolAsync(
            "pg_ctl", "start", "-D", DataDirectory, "-w", "-s", "-l", Path.Combine(_directory, "postgres.log"),
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_directory}"));
        _running = true;
    }

    /// <summary>A fast shutdown: every session is ended (its client reads "terminating connection due to administrator command").</summary>
    public async Task StopAsync()
    {
        _running = false;
        await RunToolAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "fast", "-w", "-s");
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await RunToolAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "immediate", "-w", "-s");
        }

        Directory.Delete(_directory, recursive: true);
    }

    private Task RunToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_binaries, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(s_commandLimit);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

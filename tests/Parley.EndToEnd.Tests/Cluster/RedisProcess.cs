using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Parley.EndToEnd.Tests.Cluster;

/// <summary>A redis-server of a test's own (no persistence), which the test can stop and start again on the same port.</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly int _port = ServerProcess.FreePort();
    private Process? _process;

    public string Address => $"127.0.0.1:{_port}";

    public static async Task<RedisProcess> StartAsync()
    {
        var redis = new RedisProcess();
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (is it installed? scripts/services.sh installs it).");
        var ready = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!ready && await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            ready = line.Contains("Ready to accept connections", StringComparison.Ordinal);
        }

        if (!ready)
        {
            throw new InvalidOperationException("redis-server exited before it was ready.");
        }

        _ = _process.StandardOutput.ReadToEndAsync(); // keep the pipe drained
    }

    /// <summary>Kills it (SIGKILL): everything it held is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }

        // The port is free once nothing accepts there.
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", _port));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await StopAsync();
        }
    }
}

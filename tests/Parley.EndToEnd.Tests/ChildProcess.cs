using System.Diagnostics;
using System.Threading.Channels;

namespace Parley.EndToEnd.Tests;

/// <summary>A real process with its output lines streamed into channels, so tests await lines instead of sleeping.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderr = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    /// <summary>Every stdout line read so far by <see cref="ReadLineAsync"/> and friends.</summary>
    public IReadOnlyList<string> Seen => _seen;

    public static ChildProcess StartDotnet(string dll, params string[] arguments) => StartDotnet(dll, new Dictionary<string, string>(), arguments);

    public static ChildProcess StartDotnet(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => Forward(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(child._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public Task WriteLineAsync(string line) => _process.StandardInput.WriteLineAsync(line).WaitAsync(s_timeout);

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The next stdout line; null at end of output.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var cts = new CancellationTokenSource(s_timeout);
        try
        {
            var line = await _stdout.Reader.ReadAsync(cts.Token);
            _seen.Add(line);
            return line;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No output line within {s_timeout}. Seen so far:\n{string.Join('\n', _seen)}\nstderr:\n{StandardErrorSoFar()}");
        }
    }

    /// <summary>Reads stdout until a line matches; fails (with what was seen) at end of output or on timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate)
    {
        while (await ReadLineAsync() is { } line)
        {
            if (predicate(line))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"Output ended without the expected line. Seen:\n{string.Join('\n', _seen)}\nstderr:\n{StandardErrorSoFar()}");
    }

    /// <summary>Every remaining stdout line until the process closes its output.</summary>
    public async Task<IReadOnlyList<string>> ReadToEndAsync()
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    public async Task<int> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(s_timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>The stdout lines that arrived and were not read yet (for a failure's message).</summary>
    public string StandardOutputSoFar()
    {
        var lines = new List<string>();
        while (_stdout.Reader.TryRead(out var line))
        {
            lines.Add(line);
        }

        return string.Join('\n', lines);
    }

    public string StandardErrorSoFar()
    {
        var lines = new List<string>();
        while (_stderr.Reader.TryRead(out var line))
        {
            lines.Add(line);
        }

        return string.Join('\n', lines);
    }

    /// <summary>Sends SIGTERM, as a service manager or Ctrl+C would.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Forward(Channel<string> channel, string? line)
    {
        if (line is null)
        {
            channel.Writer.TryComplete();
        }
        else
        {
            channel.Writer.TryWrite(line);
        }
    }
}

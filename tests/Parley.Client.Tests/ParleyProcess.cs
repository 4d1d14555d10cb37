using System.Diagnostics;
using System.Threading.Channels;

namespace Parley.Client.Tests;

/// <summary>
/// The real <c>parley</c> executable, started as <c>dotnet parley.dll</c> from the test output (the test
/// project references Parley.Cli, so the build puts it there), with standard input, output and error piped.
/// </summary>
public sealed class ParleyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly List<string> _outputLines = [];
    private readonly List<string> _errorLines = [];

    private ParleyProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stdout.Writer.TryComplete();
                return;
            }

            lock (_outputLines)
            {
                _outputLines.Add(e.Data);
            }

            _stdout.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errorLines)
                {
                    _errorLines.Add(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_outputLines)
            {
                return [.. _outputLines];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errorLines)
            {
                return [.. _errorLines];
            }
        }
    }

    public static ParleyProcess Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "parley.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        return new ParleyProcess(Process.Start(start)!);
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Ends standard input, as at the end of a piped script.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Reads output lines until one matches, within <see cref="Timeouts.Wait"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Wait);
        while (true)
        {
            var line = await _stdout.Reader.ReadAsync(timeout.Token);
            if (predicate(line))
            {
                return line;
            }
        }
    }

    public Task<string> WaitForLineAsync(string contains) => WaitForLineAsync(line => line.Contains(contains, StringComparison.Ordinal));

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeouts.Wait);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
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
}

using System.Diagnostics;

namespace Parley.EndToEnd.Tests;

/// <summary>A program running in a real terminal (a detached tmux session): type with send-keys, read with capture-pane.</summary>
internal sealed class TmuxSession : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);

    private readonly string _name;

    private TmuxSession(string name)
    {
        _name = name;
    }

    public static async Task<TmuxSession> StartAsync(string command, int width = 100, int height = 30)
    {
        var name = "parley-test-" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync(name, allowFailure: false, "new-session", "-d", "-s", name, "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), command);
        return new TmuxSession(name);
    }

    /// <summary>Types literal text (no Enter).</summary>
    public Task TypeAsync(string text) => RunAsync("send-keys", "-t", _name, "-l", text);

    /// <summary>Presses named keys: Enter, C-c, BSpace...</summary>
    public Task PressAsync(params string[] keys) => RunAsync(["send-keys", "-t", _name, .. keys]);

    /// <summary>The visible screen, one string per row, trailing blanks trimmed.</summary>
    public async Task<string[]> CaptureAsync()
        => (await RunAsync("capture-pane", "-p", "-t", _name)).Split('\n').Select(l => l.TrimEnd()).ToArray();

    /// <summary>The visible screen with its SGR escape codes (<c>capture-pane -e</c>), one string per row.</summary>
    public async Task<string[]> CaptureWithEscapesAsync()
        => (await RunAsync("capture-pane", "-p", "-e", "-t", _name)).Split('\n').Select(l => l.TrimEnd()).ToArray();

    /// <summary>Resizes the terminal, as a user dragging the window would (the program gets SIGWINCH).</summary>
    public Task ResizeAsync(int width, int height) => RunAsync("resize-window", "-t", _name,
        "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Captures the screen until it satisfies <paramref name="condition"/>. A terminal has no "changed" event
    /// to await, so this polls the screen, with a timeout.
    /// </summary>
    public async Task<string[]> WaitForScreenAsync(Func<string[], bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        string[] screen;
        do
        {
            screen = await CaptureAsync();
            if (condition(screen))
            {
                return screen;
            }

            await Task.Delay(s_poll);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException("The screen never matched. Last screen:\n" + string.Join('\n', screen));
    }

    /// <summary>Waits until the program has exited (its tmux session ends with it), polling like the screen.</summary>
    public async Task WaitForExitAsync()
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (await RunAsync(allowFailure: true, "has-session", "-t", _name) is not null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The program in the terminal did not exit.");
            }

            await Task.Delay(s_poll);
        }
    }

    public async ValueTask DisposeAsync() => await RunAsync(allowFailure: true, "kill-session", "-t", _name);

    private async Task<string> RunAsync(params string[] arguments) => (await RunAsync(_name, allowFailure: false, arguments))!;

    private Task<string?> RunAsync(bool allowFailure, params string[] arguments) => RunAsync(_name, allowFailure, arguments);

    /// <summary>
    /// Runs a tmux command against the session's own tmux server (<c>-L</c>, a socket named after it). With one
    /// shared server, a test starting a session while another test's last session ended could reach the
    /// shared server as it exited ("server exited unexpectedly").
    /// </summary>
    private static async Task<string?> RunAsync(string socket, bool allowFailure, params string[] arguments)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(socket);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(s_timeout);
        await process.WaitForExitAsync().WaitAsync(s_timeout);
        if (process.ExitCode != 0)
        {
            return allowFailure ? null : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {await process.StandardError.ReadToEndAsync()}");
        }

        return output;
    }
}

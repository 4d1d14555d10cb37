using System.Threading.Channels;
using Parley.Cli;

namespace Parley.Client.Tests;

/// <summary>
/// A test double of the console: records what the session loop shows and answers each secret prompt with the
/// next of <paramref name="secrets"/> (<see langword="null"/> once they run out: the user cancelled).
/// </summary>
internal sealed class FakeInteraction(bool canReadSecrets, params string?[] secrets) : IInteractionService
{
    private readonly Lock _lock = new();
    private readonly Queue<string?> _secrets = new(secrets);
    private readonly List<string> _prompts = [];
    private readonly List<string> _shown = [];
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public bool ShowIds { get; set; }

    public bool CanReadSecrets => canReadSecrets;

    public IReadOnlyList<string> Prompts => Locked(() => _prompts.ToList());

    /// <summary>Everything shown: events as their JSON, hints and errors as text.</summary>
    public IReadOnlyList<string> Shown => Locked(() => _shown.ToList());

    public void ShowEvent(ServerEvent received)
    {
        Locked(() => _shown.Add(received.Json));
        _events.Writer.TryWrite(received);
    }

    public void ShowHint(string text) => Add(text);

    public void ShowError(string text) => Add(text);

    public void ShowConnectionState(ConnectionState state, string? detail) => Add($"[{state}] {detail}");

    public Task<string?> ReadSecretAsync(string prompt, CancellationToken cancellationToken) => Locked(() =>
    {
        _prompts.Add(prompt);
        return Task.FromResult(_secrets.Count > 0 ? _secrets.Dequeue() : null);
    });

    public async Task<ServerEvent> WaitForEventAsync(Func<ServerEvent, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Wait);
        while (true)
        {
            var received = await _events.Reader.ReadAsync(timeout.Token);
            if (predicate(received))
            {
                return received;
            }
        }
    }

    /// <summary>Waits for a hint, error or connection state line (not events) that matches.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Wait);
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(timeout.Token);
            if (predicate(line))
            {
                return line;
            }
        }
    }

    private void Add(string line)
    {
        Locked(() => _shown.Add(line));
        _lines.Writer.TryWrite(line);
    }

    private T Locked<T>(Func<T> action)
    {
        lock (_lock)
        {
            return action();
        }
    }

    private void Locked(Action action)
    {
        lock (_lock)
        {
            action();
        }
    }
}

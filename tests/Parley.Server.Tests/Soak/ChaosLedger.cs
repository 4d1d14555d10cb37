using System.Collections.Concurrent;
using System.Text;

namespace Parley.Server.Tests.Soak;

/// <summary>A message a chaos client saw echoed: the server stored it, so the store must still have it at the end.</summary>
internal sealed record AcknowledgedMessage(long Id, string Sender, string Text, string? Room, string? To);

/// <summary>
/// What the chaos clients did and saw, shared by all of them: how often each behaviour and outcome occurred
/// (printed at the end, so a run says what it exercised), the messages and accounts the server acknowledged,
/// and every way the server answered other than the protocol says.
/// </summary>
internal sealed class ChaosLedger
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<AcknowledgedMessage> _messages = new();
    private readonly ConcurrentQueue<string> _accounts = new();

    public IReadOnlyCollection<string> Failures => _failures;

    public IReadOnlyCollection<AcknowledgedMessage> Messages => _messages;

    /// <summary>Names a chaos client registered (the server said so).</summary>
    public IReadOnlyCollection<string> Accounts => _accounts;

    public void Add(string what) => _counts.AddOrUpdate(what, 1, (_, n) => n + 1);

    public void Fail(string failure) => _failures.Enqueue(failure);

    public void Acknowledged(AcknowledgedMessage message) => _messages.Enqueue(message);

    public void Registered(string name) => _accounts.Enqueue(name);

    public string Summary()
    {
        var text = new StringBuilder();
        foreach (var (what, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            text.Append(what).Append(": ").Append(count).AppendLine();
        }

        return text.ToString();
    }
}

using System.Diagnostics;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Soak;

/// <summary>
/// Runs chaos clients, a bounded number at a time (the CI machine has 2 cores and the server shares them),
/// each a fresh connection with a behaviour dealt from a shuffled deck. Clients are numbered and dealt in
/// order under one lock, so with the same seed client n always does the same thing.
/// </summary>
internal sealed class ChaosRun(SocketServer server, SoakSettings settings, ChaosLedger ledger, SoakCast cast)
{
    private const int Concurrency = 16;

    private readonly Random _deck = settings.ForDeck();
    private readonly Stack<ChaosBehaviour> _cards = new();
    private readonly Lock _dealing = new();
    private int _next;

    /// <summary>Chaos clients started so far.</summary>
    public int Clients => Volatile.Read(ref _next);

    /// <summary>Every behaviour once, all at once: code paths and pools are warm before the memory baseline.</summary>
    public Task WarmUpAsync() => Task.WhenAll(ChaosBehaviours.All.Select(b => RunAsync(Number(), b)));

    /// <summary>Deals clients until <paramref name="duration"/> has passed; returns once the last has finished.</summary>
    public Task RunAsync(TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        return Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                var (index, behaviour) = Deal();
                await RunAsync(index, behaviour);
            }
        }));
    }

    private int Number()
    {
        lock (_dealing)
        {
            return _next++;
        }
    }

    private (int Index, ChaosBehaviour Behaviour) Deal()
    {
        lock (_dealing)
        {
            if (_cards.Count == 0)
            {
                var deck = ChaosBehaviours.All.SelectMany(b => Enumerable.Repeat(b, b.Weight)).ToArray();
                _deck.Shuffle(deck);
                foreach (var card in deck)
                {
                    _cards.Push(card);
                }
            }

            return (_next++, _cards.Pop());
        }
    }

    private async Task RunAsync(int index, ChaosBehaviour behaviour)
    {
        ledger.Add(behaviour.Name);
        var context = new ChaosContext(server, index, settings.ForChaosClient(index), ledger, cast);
        try
        {
            await Task.Yield();
            await behaviour.RunAsync(context).WaitAsync(TestTimeouts.Scenario);
        }
        catch (ChaosConnection.LoginTimedOutException)
        {
            ledger.Add($"{behaviour.Name}: cut short by the login timeout");
        }
        catch (Exception ex)
        {
            ledger.Fail($"chaos{index} ({behaviour.Name}): {ex}");
        }
    }
}

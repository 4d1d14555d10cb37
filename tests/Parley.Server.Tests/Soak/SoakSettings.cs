using System.Globalization;

namespace Parley.Server.Tests.Soak;

/// <summary>
/// The soak's seed and length. CI runs the defaults (45 s of chaos); by hand, <c>PARLEY_SOAK_SECONDS=3600</c>
/// runs it for an hour, and <c>PARLEY_SOAK_SEED=n</c> replays a run: the seed is the first line of the test's
/// output and is named in every failure. Each client draws from a Random of its own, derived from the seed
/// and its number, so a client does the same things whatever the others' timing.
/// </summary>
internal sealed record SoakSettings(int Seed, TimeSpan Duration)
{
    public const string SecondsVariable = "PARLEY_SOAK_SECONDS";
    public const string SeedVariable = "PARLEY_SOAK_SEED";

    private const int DefaultSeconds = 45;

    // Streams of random numbers, so that the chaos clients and the well-behaved ones never share one.
    private const int DeckStream = 1;
    private const int ChaosStream = 2;
    private const int WellBehavedStream = 3;

    public static SoakSettings FromEnvironment()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : Random.Shared.Next();
        var seconds = double.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0
            ? d
            : DefaultSeconds;
        return new SoakSettings(seed, TimeSpan.FromSeconds(seconds));
    }

    /// <summary>Deals the chaos behaviours, in the order the chaos clients are numbered.</summary>
    public Random ForDeck() => For(DeckStream, 0);

    public Random ForChaosClient(int index) => For(ChaosStream, index);

    public Random ForWellBehavedClient(int index) => For(WellBehavedStream, index);

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"Soak seed {Seed} (replay with {SeedVariable}={Seed}), {Duration.TotalSeconds:0.#} s of chaos ({SecondsVariable})");

    private Random For(int stream, int index) => new(unchecked((Seed * 1_000_003) + (stream * 7_919) + (index * 104_729)));
}

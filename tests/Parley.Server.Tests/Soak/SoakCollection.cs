namespace Parley.Server.Tests.Soak;

/// <summary>
/// The soak runs alone, after the other tests: it measures the process's memory, which tests running beside
/// it would disturb, and it loads the machine, which would slow them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Soak";
}

namespace Parley.Storage;

/// <summary>A ban on a name and, when known, the address it came from.</summary>
public sealed record Ban(string Name, string? Address, string? Reason, string By, DateTimeOffset At);

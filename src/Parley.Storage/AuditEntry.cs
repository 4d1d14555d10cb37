namespace Parley.Storage;

/// <summary>One moderation action: who did what to whom, and why.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? Target, string? Detail);

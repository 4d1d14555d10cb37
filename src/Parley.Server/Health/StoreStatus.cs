namespace Parley.Server.Health;

/// <summary>Whether store writes succeed; when they do not, why and since when.</summary>
public sealed record StoreStatus(bool IsReady, string? Reason, DateTimeOffset Since);

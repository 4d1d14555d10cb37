namespace Parley.Storage;

/// <summary>A claimed name. <see cref="PasswordHash"/> is the KDF's self-describing output, never a password.</summary>
public sealed record Account(string Name, string PasswordHash, bool IsModerator, DateTimeOffset CreatedAt);

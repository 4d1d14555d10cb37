namespace Parley.Server.Storage;

/// <summary>A message as the store keeps it. Ids grow with time within a store.</summary>
public sealed record StoredMessage(long Id, string Room, string Sender, string Text, DateTimeOffset Timestamp);

namespace Parley.Storage;

/// <summary>A message to store: in a room, or direct to one user (<see cref="To"/> set, <see cref="Room"/> null).</summary>
public sealed record NewMessage(string? Room, string Sender, string Text, DateTimeOffset Timestamp, string? To = null);

/// <summary>A message as the store keeps it. Ids grow with time within a store.</summary>
public sealed record StoredMessage(long Id, string? Room, string Sender, string Text, DateTimeOffset Timestamp, string? To = null);

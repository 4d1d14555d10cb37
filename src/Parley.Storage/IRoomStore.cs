namespace Parley.Storage;

/// <summary>The rooms that exist. Names compare case-insensitively; the first spelling is kept.</summary>
public interface IRoomStore
{
    /// <summary>Creates the room unless it exists (in any letter case); returns its stored name.</summary>
    ValueTask<string> EnsureRoomAsync(string name, DateTimeOffset createdAt, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<string>> ListRoomsAsync(CancellationToken cancellationToken);
}

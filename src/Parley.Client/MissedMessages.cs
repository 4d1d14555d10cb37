using System.Globalization;
using Parley.Protocol;

namespace Parley.Client;

/// <summary>
/// The catch-up arithmetic after a reconnect, as pure functions. The server's history after the new login (or
/// join) holds only the most recent messages; those newer than the last id seen are the missed ones. When even
/// the oldest of them is newer than that id, older missed messages may exist: the client pages back with
/// <c>history 100 before &lt;oldest&gt;</c> until a page reaches the id seen, comes back empty, or the cap is hit.
/// </summary>
public static class MissedMessages
{
    /// <summary>The most the client pages back for: beyond this the user is better served by <c>/history</c>.</summary>
    public const int DefaultCap = 1000;

    public const int PageSize = 100;

    /// <summary>The messages among <paramref name="items"/> newer than <paramref name="lastSeenId"/>, each once, oldest first; at most the newest <paramref name="cap"/>.</summary>
    public static IReadOnlyList<ServerEvent> Newer(IEnumerable<ServerEvent> items, long lastSeenId, int cap = DefaultCap)
    {
        ArgumentNullException.ThrowIfNull(items);
        var newer = items
            .Where(i => i.Kind == ServerEventKind.Message && i.Id > lastSeenId)
            .DistinctBy(i => i.Id)
            .OrderBy(i => i.Id)
            .ToList();
        return newer.Count > cap ? newer[^cap..] : newer;
    }

    /// <summary>
    /// The id to page back from when <paramref name="page"/> (oldest first or not) may not reach back to
    /// <paramref name="lastSeenId"/>; <see langword="null"/> when the gap is closed or the page holds no ids.
    /// </summary>
    public static long? GapBefore(IEnumerable<ServerEvent> page, long lastSeenId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var oldest = page.Where(i => i.Id is not null).Min(i => i.Id);
        // The next id after the one seen is proof that nothing lies between.
        return oldest is { } id && id > lastSeenId + 1 ? id : null;
    }

    public static ChatRequest PageRequest(long beforeId, int count = PageSize)
        => new("history", string.Create(CultureInfo.InvariantCulture, $"{count} before {beforeId}"));

    public static string Note(int count)
        => string.Create(CultureInfo.InvariantCulture, $"— {count} {(count == 1 ? "message" : "messages")} you missed —");
}

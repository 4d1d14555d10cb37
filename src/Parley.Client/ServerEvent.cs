namespace Parley.Client;

/// <summary>
/// One received value, normalised by <see cref="ResponseReader"/>. Only the members that make sense for the
/// kind are set; <see cref="Json"/> always holds the value as compact JSON (or the raw text for <see cref="ServerEventKind.Raw"/>).
/// </summary>
public sealed record ServerEvent(ServerEventKind Kind)
{
    /// <summary>The <c>response</c> value as received (for example <c>"names"</c> or <c>"Info"</c>), when there was one.</summary>
    public string? ResponseName { get; init; }

    public ServerTimestamp Timestamp { get; init; }

    /// <summary>The author; <see langword="null"/> for the server itself (missing, empty, <c>"Server"</c>, <c>"[Server]"</c>...).</summary>
    public string? Sender { get; init; }

    /// <summary>The content as text: a string as-is, any other JSON value as compact JSON.</summary>
    public string? Text { get; init; }

    /// <summary>Content that was a list (for example the users of a <c>names</c> answer), one string per item.</summary>
    public IReadOnlyList<string>? Items { get; init; }

    /// <summary>The messages of a history, oldest first.</summary>
    public IReadOnlyList<ServerEvent> History { get; init; } = [];

    /// <summary>Parley's message id (<c>"id"</c>), which moderators name in <c>delete</c>.</summary>
    public long? Id { get; init; }

    /// <summary>The room a message, history or room info belongs to (<c>"room"</c>).</summary>
    public string? Room { get; init; }

    /// <summary>The recipient of a direct message (<c>"to"</c>); <see langword="null"/> for room messages.</summary>
    public string? To { get; init; }

    /// <summary>The id of a message a moderator removed (<c>"deleted"</c> on an info).</summary>
    public long? Deleted { get; init; }

    public bool IsDirect => Kind == ServerEventKind.Message && To is not null;

    /// <summary>Parley's machine-readable error code (<c>"code"</c>).</summary>
    public string? Code { get; init; }

    /// <summary>Discovery: the <c>"server"</c> key of Parley's login info, e.g. <c>parley/0.1.0</c>.</summary>
    public string? ServerName { get; init; }

    /// <summary>Discovery: the extension requests the server advertised, when it did.</summary>
    public IReadOnlyList<string>? Extensions { get; init; }

    public string Json { get; init; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; init; }

    public bool IsFromServer => Sender is null;
}

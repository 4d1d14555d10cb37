namespace Parley.Client;

/// <summary>What a received value means to the client, after tolerant normalisation.</summary>
public enum ServerEventKind
{
    /// <summary>A chat message (<c>message</c>, or <c>msg</c> as some peers say).</summary>
    Message,

    /// <summary>An <c>info</c> payload.</summary>
    Info,

    /// <summary>An <c>error</c> payload.</summary>
    Error,

    /// <summary>A <c>history</c> payload, or a bare JSON array where a payload should be.</summary>
    History,

    /// <summary>Any other kind (<c>names</c>, <c>login</c>, <c>help</c>, missing...): shown as info.</summary>
    Other,

    /// <summary>Something that could not be read as a payload; shown raw, marked as such.</summary>
    Raw,
}

namespace Parley.Client.Tests.Peers;

/// <summary>One request as the peer server saw it: the parsed fields and the exact line on the wire.</summary>
public sealed record PeerRequest(string Request, string? Content, string Line);

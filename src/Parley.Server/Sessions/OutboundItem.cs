namespace Parley.Server.Sessions;

/// <summary>
/// One payload waiting in a session's outbound queue. Broadcasts share <see cref="Payload"/> across every
/// recipient. <see cref="PauseBefore"/> delays it (and everything behind it) so that, for example, the login
/// history arrives in its own read after the login info. <see cref="CloseAfter"/> closes the connection once
/// it has been sent.
/// </summary>
internal readonly record struct OutboundItem(ReadOnlyMemory<byte> Payload, TimeSpan PauseBefore = default, bool CloseAfter = false);

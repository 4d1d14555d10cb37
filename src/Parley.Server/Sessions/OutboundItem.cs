namespace Parley.Server.Sessions;

/// <summary>
/// What waits in a session's outbound queue: one payload, or <see cref="Count"/> payloads back to back when a
/// room delivers a run of messages to a member that has them all pending at once (a backlog, which
/// PROTOCOL.md lets us write in one go). Broadcasts share <see cref="Payload"/> across every recipient.
/// <see cref="PauseBefore"/> delays it (and everything behind it) so that, for example, the login history
/// arrives in its own read after the login info. <see cref="CloseAfter"/> closes the connection once it has
/// been sent.
/// </summary>
internal readonly record struct OutboundItem(ReadOnlyMemory<byte> Payload, TimeSpan PauseBefore = default, bool CloseAfter = false, int Count = 1);

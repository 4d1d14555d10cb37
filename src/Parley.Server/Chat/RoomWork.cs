using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Chat;

/// <summary>One item of a room's queue: the room's pump handles them strictly in order.</summary>
internal abstract record RoomWork
{
    /// <summary>A message to store and deliver. <see cref="Done"/> completes once it is delivered (or failed).</summary>
    public sealed record Publish(ChatSession Sender, NewMessage Message) : RoomWork
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// A member joining: <see cref="Welcome"/> gets the room's recent history and queues what the member must
    /// see first; then the member starts receiving live messages.
    /// </summary>
    public sealed record Join(ChatSession Session, int HistoryCount, Action<IReadOnlyList<StoredMessage>> Welcome) : RoomWork
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

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

    /// <summary>
    /// Payload lines another node sent to the room (<see cref="Parley.Cluster.IBackplaneListener.OnRoomTrafficAsync"/>):
    /// stored messages (their ids in <see cref="MessageIds"/>, one per line) or a notice. Through the queue, so a
    /// member who joins meanwhile gets each message either in the history or live.
    /// </summary>
    public sealed record Remote(ReadOnlyMemory<byte> Lines, long[] MessageIds) : RoomWork;

    /// <summary>Deliver from the store what was stored since <see cref="Since"/> and not delivered here (a node was cut off).</summary>
    public sealed record CatchUp(DateTimeOffset Since) : RoomWork;
}

using System.Buffers;
using System.Collections.Concurrent;

namespace Parley.Bench.Micro;

/// <summary>
/// A memory pool for the harness's pipes that keeps every block it ever handed out, as Kestrel's pinned
/// block pool does for real connections. With the default pool (<see cref="ArrayPool{T}.Shared"/>, a few
/// dozen 4 KiB arrays per core) a 1,000-member broadcast empties it and every further segment is a new
/// array: an allocation of the test harness, not of the server.
/// </summary>
internal sealed class BlockPool : MemoryPool<byte>
{
    private const int BlockSize = 4096;
    private readonly ConcurrentQueue<Block> _free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return _free.TryDequeue(out var block) ? block : new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(BlockPool pool) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = new byte[BlockSize];

        public void Dispose() => pool._free.Enqueue(this);
    }
}

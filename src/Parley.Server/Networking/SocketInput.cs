using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Parley.Server.Networking;

/// <summary>
/// A socket's input as a <see cref="PipeReader"/> that holds memory only while it holds data. An idle
/// connection waits with a zero-byte receive and no buffer; when data arrives a buffer is rented from the
/// shared pool, and it goes back as soon as the reader has consumed everything in it. Only a frame still
/// incomplete at the end of a read keeps its buffer, which grows (by renting a bigger one) as the frame does;
/// the session's frame limit bounds it.
/// </summary>
/// <remarks>One reader, as a pipe has; <see cref="CancelPendingRead"/> may come from any thread.</remarks>
internal sealed class SocketInput(Socket socket) : PipeReader
{
    // Most requests are far smaller; a bigger read only costs while data is in hand.
    private const int ReceiveSize = 4096;

    private byte[]? _buffer;
    private int _start;          // the first byte not consumed
    private int _end;            // the end of the bytes received
    private int _examined;       // the end of what the reader has seen and wants more than
    private bool _ended;         // the peer finished sending (or the input was cancelled)
    private volatile bool _cancelled;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_cancelled)
            {
                return new ReadResult(Unconsumed(), isCanceled: true, isCompleted: _ended);
            }

            if (_ended || _end > _examined)
            {
                return new ReadResult(Unconsumed(), isCanceled: false, isCompleted: _ended);
            }

            try
            {
                if (_buffer is null)
                {
                    // Idle: wait for data without a buffer.
                    await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);
                    _buffer = ArrayPool<byte>.Shared.Rent(ReceiveSize);
                }
                else if (_end == _buffer.Length)
                {
                    MakeRoom();
                }

                var received = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
                if (received == 0)
                {
                    _ended = true;
                }

                _end += received;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                throw new ConnectionAbortedException("The connection was aborted.", ex);
            }
            catch (SocketException ex)
            {
                throw new ConnectionResetException(ex.Message, ex);
            }
            catch (ObjectDisposedException ex)
            {
                throw new ConnectionAbortedException("The connection was aborted.", ex);
            }
        }
    }

    public override bool TryRead(out ReadResult result)
    {
        if (_cancelled || _ended || _end > _examined)
        {
            result = new ReadResult(Unconsumed(), _cancelled, _ended);
            return true;
        }

        result = default;
        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_buffer is null)
        {
            return; // nothing was handed out (an empty result)
        }

        _start = consumed.GetInteger();
        _examined = Math.Max(_start, examined.GetInteger());
        if (_start == _end)
        {
            // Everything read has been used: the buffer goes back until the next data.
            ReturnBuffer();
        }
    }

    /// <summary>Ends the input: the socket's receive side is shut down, which is what wakes a pending receive.</summary>
    public override void CancelPendingRead()
    {
        _cancelled = true;
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: there is no read to wake.
        }
    }

    public override void Complete(Exception? exception = null) => ReturnBuffer();

    private ReadOnlySequence<byte> Unconsumed()
        => _buffer is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_buffer, _start, _end - _start);

    /// <summary>The buffer is full: move the unconsumed bytes to the front, or into a buffer twice the size.</summary>
    private void MakeRoom()
    {
        var buffer = _buffer!;
        var length = _end - _start;
        var target = _start > 0 ? buffer : ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, _start, target, 0, length);
        if (target != buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = target;
        }

        _examined -= _start;
        _start = 0;
        _end = length;
    }

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _start = _end = _examined = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

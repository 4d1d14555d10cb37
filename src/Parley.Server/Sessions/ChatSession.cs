using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Commands;
using Parley.Storage;

namespace Parley.Server.Sessions;

/// <summary>
/// One client connection: reads frames from its transport and hands requests to the dispatcher (this file),
/// and owns a bounded outbound queue drained by a single writer (ChatSession.Output.cs). The session knows its
/// <see cref="ChatTransport"/>, never the socket, so the same code serves TCP, TLS, WebSocket and in-memory tests.
/// </summary>
public sealed partial class ChatSession
{
    private readonly ChatTransport _transport;
    private readonly ChatServer _server;
    private readonly RequestDispatcher _dispatcher;
    private readonly ILogger _logger;
    private volatile bool _closeRequested;

    internal ChatSession(ChatTransport transport, ChatServer server, RequestDispatcher dispatcher, ILogger logger)
    {
        _transport = transport;
        _server = server;
        _dispatcher = dispatcher;
        _logger = logger;
        _flood = new FloodControl(server.Options, server.Clock);
    }

    public string ConnectionId => _transport.ConnectionId;

    // Written with full fences: a room's pump sets the room and then reads the name, while a logout clears
    // the name and then reads the room; each side sees the other's write, so no departed session stays a member.
    private string? _username;
    private Room? _room;

    /// <summary>The logged-in name, or null before login and after logout.</summary>
    public string? Username => Volatile.Read(ref _username);

    public bool IsLoggedIn => Username is not null;

    /// <summary>The room the user is in, or null when not logged in.</summary>
    public Room? Room
    {
        get => Volatile.Read(ref _room);
        internal set => Interlocked.Exchange(ref _room, value);
    }

    internal ChatServer Server => _server;

    internal RequestDispatcher Dispatcher => _dispatcher;

    internal ILogger Logger => _logger;

    internal void SetUsername(string? username)
    {
        Interlocked.Exchange(ref _username, username);
        if (username is not null)
        {
            StopLoginDeadline();
        }
    }

    /// <summary>Runs the connection until the client leaves, is closed, or the server shuts down.</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        StartLoginDeadline();
        try
        {
            await ReadLoopAsync(_transport.Input, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or OperationCanceledException or IOException)
        {
            // Expected teardown: the peer went away or we aborted the connection.
        }
        catch (Exception ex)
        {
            ServerLog.UnexpectedError(_logger, ConnectionId, ex);
            CompleteOutput();
            _transport.Abort("Unexpected error.");
        }
        finally
        {
            _closeRequested = true;
            StopLoginDeadline();

            // Messages read before the input ended are still in their room's queue: the sender stays a member
            // until they are delivered, so it gets their echoes too (a script that sends and closes its side).
            try
            {
                await WaitForDeliveriesAsync();
            }
            catch (Exception ex)
            {
                ServerLog.UnexpectedError(_logger, ConnectionId, ex); // logged; the session still ends cleanly
            }

            _server.Disconnect(this, "disconnected");
            CompleteOutput();
        }

        // Let the writer deliver what is queued (a goodbye, a last error); a client that does not read gets
        // a bounded grace period, then the connection is aborted.
        var drained = _outputDrained.Task;
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(_server.Options.ShutdownGraceSeconds), _server.Clock, CancellationToken.None)) != drained)
        {
            _transport.Abort("The client did not read its last payloads.");
            await drained;
        }

        CloseSink();
    }

    private async Task ReadLoopAsync(PipeReader input, CancellationToken cancellationToken)
    {
        var maxFrame = _server.Options.MaxFrameBytes;
        var framing = default(JsonFrameReaderState);
        while (!_closeRequested)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                while (!_closeRequested && JsonFrameReader.TryReadFrame(ref buffer, ref framing, maxFrame, result.IsCompleted, out var frame))
                {
                    if (!await HandleFrameAsync(frame, cancellationToken))
                    {
                        return;
                    }
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Handles one frame; false when the connection must close (the error policy of STYLE.md).</summary>
    private async ValueTask<bool> HandleFrameAsync(JsonFrame frame, CancellationToken cancellationToken)
    {
        switch (frame.Kind)
        {
            case JsonFrameKind.TooLarge:
                await WaitForDeliveriesAsync();
                _server.Counters.ProtocolError();
                ServerLog.ProtocolViolation(_logger, ConnectionId, ErrorCodes.TooLarge);
                CloseWith(Notices.Error(_server.Clock, ErrorCodes.TooLarge,
                    $"Payload too large: the limit is {_server.Options.MaxFrameBytes} bytes. Closing the connection."));
                return false;
            case JsonFrameKind.Invalid:
                await WaitForDeliveriesAsync();
                if (!Admit(null))
                {
                    return !_closeRequested;
                }

                _server.Counters.ProtocolError();
                SendError(ErrorCodes.BadJson, "The payload is not valid JSON. Send one object like {\"request\": \"help\", \"content\": null}.");
                return true;
        }

        var decoded = RequestDecoder.TryDecode(frame.Payload, out var request, out var error);
        if (decoded && _dispatcher.IsPipelined(request.Request))
        {
            // A chat or direct message queues behind this session's earlier ones without waiting for them.
            if (!_flood.TryAdmit(request.Request))
            {
                await WaitForDeliveriesAsync();
                Refuse();
                return !_closeRequested;
            }

            await _dispatcher.DispatchAsync(this, request, cancellationToken);
            return true;
        }

        // Anything else is answered directly: only once this session's messages have reached it.
        await WaitForDeliveriesAsync();
        if (!Admit(decoded ? request.Request : null))
        {
            return !_closeRequested;
        }

        if (!decoded)
        {
            _server.Counters.ProtocolError();
            SendError(ErrorCodes.BadRequest, error);
            return true;
        }

        try
        {
            await _dispatcher.DispatchAsync(this, request, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // The store could not keep what the request changes (a full disk): handlers write before they
            // act, so nothing was done. StoreHealth logged the cause once; the user is told, the connection stays.
            SendError(ErrorCodes.StoreUnavailable, StoreRefusal.RequestNotDone(ex, request.Request));
        }
        catch (BackplaneUnavailableException)
        {
            // A question to the other nodes of the cluster went unanswered (their Redis is away): nothing was done.
            SendError(ErrorCodes.ClusterUnavailable, $"The other servers of this chat cannot be reached right now; your '{request.Request}' was not carried out. Try again in a moment.");
        }

        return true;
    }

    // The delivery of this session's latest message, and what orders it (a room's queue, or the chain of
    // direct messages). Only the read loop touches them.
    private Task? _lastDelivery;
    private object? _lastDeliveryOrder;

    /// <summary>What the latest delivery waits for: a pipelined handler starts its own after it.</summary>
    internal Task LastDelivery => _lastDelivery ?? Task.CompletedTask;

    /// <summary>What ordered the latest delivery (the room whose queue holds it, say), or null.</summary>
    internal object? LastDeliveryOrder => _lastDelivery is { IsCompleted: false } ? _lastDeliveryOrder : null;

    /// <summary>
    /// Remembers a queued message's delivery, which completes after every earlier one; the read loop waits
    /// for it before answering anything else. <paramref name="order"/> is what keeps it behind the earlier ones.
    /// </summary>
    internal void TrackDelivery(Task delivery, object order)
    {
        _lastDelivery = delivery;
        _lastDeliveryOrder = order;
    }

    /// <summary>Completes once every message this session queued has been delivered (or refused).</summary>
    internal ValueTask WaitForDeliveriesAsync()
        => _lastDelivery is { IsCompleted: false } delivery ? new ValueTask(delivery) : ValueTask.CompletedTask;

    /// <summary>Sends an error response; the connection stays open.</summary>
    public void SendError(string code, string text)
    {
        ServerLog.RequestRefused(_logger, ConnectionId, code);
        _server.Counters.ErrorSent(code);
        Send(Notices.Error(_server.Clock, code, text));
    }

    /// <summary>Sends an info response.</summary>
    public void SendInfo(string text) => Send(Notices.Info(_server.Clock, text));

    internal void Send(NoticePayload notice) => TrySend(PayloadWriter.ToLine(notice));

    /// <summary>Queues a last payload; the connection closes once it is sent. No request is read after this.</summary>
    internal void CloseWith(NoticePayload notice)
    {
        if (notice.Code is { } code)
        {
            _server.Counters.ErrorSent(code);
        }

        _closeRequested = true;
        EnqueueLast(new OutboundItem(PayloadWriter.ToLine(notice), CloseAfter: true));
        StopReading();
    }

    /// <summary>Ends the read loop on every transport (a pending read returns cancelled), not only on sockets.</summary>
    private void StopReading()
    {
        _closeRequested = true;
        _transport.Input.CancelPendingRead();
    }

    /// <summary>Sends an error once this session's queued messages have reached it (it must not overtake them).</summary>
    internal async ValueTask SendErrorAfterDeliveriesAsync(string code, string text)
    {
        await WaitForDeliveriesAsync();
        SendError(code, text);
    }
}

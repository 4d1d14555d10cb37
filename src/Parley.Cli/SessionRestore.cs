using System.Net.Sockets;
using System.Threading.Channels;
using Parley.Client;
using Parley.Protocol;

namespace Parley.Cli;

/// <summary>
/// On a fresh connection after a drop: log in again as before (with this session's password, never shown), rejoin
/// the room when the server advertised <c>join</c>, and show what was missed once. The events of the connection
/// arrive diverted (<see cref="EventRouter"/>): infos and errors are shown as they come; histories and room
/// messages are held, so that the missed messages appear in order under a note, and nothing already on screen
/// appears again.
/// </summary>
internal sealed class SessionRestore(ChatConnection connection, ChannelReader<ServerEvent> events, IInteractionService output, EventRouter router, ReconnectOptions options)
{
    public const string NameTakenCode = "name_taken";

    private readonly List<ServerEvent> _held = [];
    private long _shownUpTo = long.MinValue;

    private ClientState State => connection.State;

    /// <summary>The user as they were when the connection dropped, and the newest ids they had seen then.</summary>
    public sealed record Memory(string? Username, string? Password, string? Room, long? LastSeenInRoom, long? LastSeenInLobby);

    public enum Outcome
    {
        /// <summary>As before the drop (or the server refused and the user takes it from here): stay on this connection.</summary>
        Restored,

        /// <summary>The name is still taken: try again later on a new connection.</summary>
        NameTaken,

        /// <summary>The connection failed again or did not answer: try again later.</summary>
        Lost,
    }

    public async Task<Outcome> RunAsync(Memory memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (memory.Username is not { } name)
        {
            router.Resume(output.ShowEvent);
            return Outcome.Restored;
        }

        var login = await LogInAsync(name, memory.Password, cancellationToken);
        if (login.Outcome != Outcome.Restored || !State.IsLoggedIn)
        {
            router.Resume(output.ShowEvent);
            return login.Outcome;
        }

        var history = login.History ?? await NextHistoryAsync(options.HistoryWait, cancellationToken);
        var lastSeen = memory.LastSeenInLobby;
        if (memory.Room is { } room && !string.Equals(room, ClientState.DefaultRoom, StringComparison.OrdinalIgnoreCase) && State.Supports("join"))
        {
            if (!await TrySendAsync(new ChatRequest("join", room), cancellationToken))
            {
                return Outcome.Lost;
            }

            // The lobby's history is not what we were reading; the room's replaces it unless the join fails.
            if (await JoinHistoryAsync(room, cancellationToken) is { } joined)
            {
                (history, lastSeen) = (joined, memory.LastSeenInRoom);
            }
        }

        await CatchUpAsync(history, lastSeen, cancellationToken);
        // Held messages came before anything still queued; events stay diverted until Resume, so order holds.
        foreach (var held in _held)
        {
            ShowUnlessSeen(held);
        }

        router.Resume(ShowUnlessSeen);

        return Outcome.Restored;
    }

    private async Task<(Outcome Outcome, ServerEvent? History)> LogInAsync(string name, string? password, CancellationToken cancellationToken)
    {
        if (!await TrySendAsync(new ChatRequest("login", password is null ? name : name + " " + password), cancellationToken))
        {
            return (Outcome.Lost, null);
        }

        ServerEvent? history = null;
        while (await NextAsync(options.AnswerTimeout, cancellationToken) is { } received)
        {
            if (received.Kind == ServerEventKind.History)
            {
                // Some servers send the history before the info: it answers the login all the same.
                history = received;
            }
            else
            {
                output.ShowEvent(received);
            }

            if (State.IsLoggedIn)
            {
                return (Outcome.Restored, history);
            }

            if (!State.IsLoginPending)
            {
                if (string.Equals(received.Code, NameTakenCode, StringComparison.OrdinalIgnoreCase))
                {
                    return (Outcome.NameTaken, null);
                }

                // Banned, a wrong password, a name now registered: retrying cannot help. The user decides.
                output.ShowError($"parley: could not log in again as {name}; not retrying. Type 'login <name>' or /quit.");
                return (Outcome.Restored, null);
            }
        }

        return (Outcome.Lost, null);
    }

    /// <summary>The history of <paramref name="room"/> after our join; <see langword="null"/> when the join was refused or not answered.</summary>
    private async Task<ServerEvent?> JoinHistoryAsync(string room, CancellationToken cancellationToken)
    {
        while (await NextAsync(options.AnswerTimeout, cancellationToken) is { } received)
        {
            if (received.Kind == ServerEventKind.History && string.Equals(State.Room, room, StringComparison.OrdinalIgnoreCase))
            {
                return received;
            }

            if (received.Kind != ServerEventKind.History)
            {
                output.ShowEvent(received);
            }

            if (received.Kind == ServerEventKind.Error)
            {
                return null;
            }
        }

        return null;
    }

    private async Task CatchUpAsync(ServerEvent? history, long? lastSeen, CancellationToken cancellationToken)
    {
        if (history is null)
        {
            return;
        }

        if (lastSeen is not { } seen || !history.History.Any(i => i.Id is not null))
        {
            // No ids to compare (a peer server, or nothing seen in this room yet): the history as usual.
            output.ShowEvent(history);
            return;
        }

        var collected = new List<ServerEvent>(history.History);
        var before = MissedMessages.GapBefore(history.History, seen);
        while (before is { } id && State.Supports("history") && collected.Count < MissedMessages.DefaultCap)
        {
            if (!await TrySendAsync(MissedMessages.PageRequest(id), cancellationToken)
                || await NextHistoryAsync(options.AnswerTimeout, cancellationToken) is not { } page)
            {
                break;
            }

            collected.AddRange(page.History);
            before = MissedMessages.GapBefore(page.History, seen);
        }

        var missed = MissedMessages.Newer(collected, seen);
        _shownUpTo = seen;
        if (missed.Count > 0)
        {
            output.ShowHint(MissedMessages.Note(missed.Count));
        }

        foreach (var message in missed)
        {
            ShowUnlessSeen(message);
        }
    }

    /// <summary>The next history; infos and errors are shown meanwhile, room messages held. Null after an error or the timeout.</summary>
    private async Task<ServerEvent?> NextHistoryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (await NextAsync(timeout, cancellationToken) is { } received)
        {
            if (received.Kind == ServerEventKind.History)
            {
                return received;
            }

            output.ShowEvent(received);
            if (received.Kind == ServerEventKind.Error)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The next event that is not a held room message; <see langword="null"/> on timeout or when the connection closed.</summary>
    private async Task<ServerEvent?> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            while (await events.WaitToReadAsync(wait.Token))
            {
                while (events.TryRead(out var received))
                {
                    if (received.Kind == ServerEventKind.Message && !received.IsDirect)
                    {
                        _held.Add(received);
                        continue;
                    }

                    return received;
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Room messages newer than the last shown (or without ids, or from a room we have left) are shown once.</summary>
    private void ShowUnlessSeen(ServerEvent received)
    {
        if (received.Kind == ServerEventKind.Message && received.Id is { } id && !received.IsDirect)
        {
            if (id <= _shownUpTo)
            {
                return;
            }

            _shownUpTo = id;
        }

        output.ShowEvent(received);
    }

    private async Task<bool> TrySendAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(request, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The new connection failed too: the caller tries again later.
            return false;
        }
    }
}

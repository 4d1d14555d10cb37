using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary>
/// One request the server understands. Adding a request means adding one handler and registering it
/// (see docs/ARCHITECTURE.md, "Adding a request"); the dispatcher and <c>help</c> pick it up.
/// </summary>
public interface IRequestHandler
{
    /// <summary>The request name, lower case.</summary>
    string Name { get; }

    /// <summary>How the request is typed, for <c>help</c>: <c>msg &lt;message&gt;</c>.</summary>
    string Usage { get; }

    /// <summary>One line for <c>help</c>.</summary>
    string Description { get; }

    /// <summary>Accepted before login (only <c>login</c> and <c>help</c> in the base protocol).</summary>
    bool AllowedBeforeLogin { get; }

    /// <summary>A Parley extension rather than one of the five base requests; advertised at login.</summary>
    bool IsExtension { get; }

    /// <summary>
    /// True when the handler only queues its work (a message to store and deliver) and hands the delivery to
    /// the session (<see cref="ChatSession.TrackDelivery"/>) in order behind the session's earlier ones, so the
    /// session may read on before they are delivered (<c>msg</c>, <c>dm</c>). Such a handler answers nothing
    /// directly before <see cref="ChatSession.WaitForDeliveriesAsync"/>. Every other request is handled once
    /// the session's messages have reached it, so that no direct answer overtakes them.
    /// </summary>
    bool Pipelined => false;

    ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken);
}

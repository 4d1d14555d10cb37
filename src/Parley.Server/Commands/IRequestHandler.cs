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
    /// True when the handler's effects are ordered by a room's queue behind the session's earlier messages
    /// (<c>msg</c>), so the session may read on before those are delivered. Every other request is handled
    /// once the session's messages have reached it, so that no direct answer overtakes them.
    /// </summary>
    bool OrderedByRoom => false;

    ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken);
}

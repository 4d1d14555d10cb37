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

    ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken);
}

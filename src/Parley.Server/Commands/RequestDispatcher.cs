using System.Collections.Frozen;
using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary>Routes a normalised request to its handler and enforces the before-login rule.</summary>
public sealed class RequestDispatcher
{
    private const int MaxEchoedNameLength = 32;

    // Counted under one name: a client's made-up names must not each become a metrics series.
    private const string UnknownRequest = "unknown";

    private readonly FrozenDictionary<string, IRequestHandler> _handlers;

    public RequestDispatcher(IEnumerable<IRequestHandler> handlers)
    {
        Handlers = [.. handlers];
        _handlers = Handlers.ToFrozenDictionary(h => h.Name, StringComparer.Ordinal);
        Extensions = [.. Handlers.Where(h => h.IsExtension).Select(h => h.Name)];
    }

    /// <summary>Every handler, in registration order (the order <c>help</c> lists them).</summary>
    public IReadOnlyList<IRequestHandler> Handlers { get; }

    /// <summary>The extension requests, advertised in the login info.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>True for a request whose handler is <see cref="IRequestHandler.Pipelined"/>.</summary>
    public bool IsPipelined(string request) => _handlers.TryGetValue(request, out var handler) && handler.Pipelined;

    public ValueTask DispatchAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(request.Request, out var handler))
        {
            session.Server.Counters.RequestDispatched(UnknownRequest);
            var name = request.Request.Length > MaxEchoedNameLength ? request.Request[..MaxEchoedNameLength] + "..." : request.Request;
            session.SendError(ErrorCodes.UnknownRequest, $"Unknown request '{name}'. Send 'help' to list the requests this server supports.");
            return ValueTask.CompletedTask;
        }

        session.Server.Counters.RequestDispatched(handler.Name);
        if (!session.IsLoggedIn && !handler.AllowedBeforeLogin)
        {
            session.SendError(ErrorCodes.NotLoggedIn, $"You must log in before '{handler.Name}': login <username>. Only login and help work before login.");
            return ValueTask.CompletedTask;
        }

        return handler.HandleAsync(session, request, cancellationToken);
    }
}

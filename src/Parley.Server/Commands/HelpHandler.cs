using System.Text;
using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>help</c>: an info naming every request this server supports, built from the registered handlers.</summary>
internal sealed class HelpHandler : IRequestHandler
{
    public string Name => "help";

    public string Usage => "help";

    public string Description => "show this help text";

    public bool AllowedBeforeLogin => true;

    public bool IsExtension => false;

    public ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var handlers = session.Dispatcher.Handlers;
        var width = handlers.Max(h => h.Usage.Length);
        var text = new StringBuilder("Requests this server supports:");
        foreach (var handler in handlers)
        {
            text.Append('\n').Append(handler.Usage.PadRight(width)).Append("  ").Append(handler.Description);
        }

        text.Append(session.IsLoggedIn ? string.Empty : "\nOnly login and help work before you log in.");
        session.SendInfo(text.ToString());
        return ValueTask.CompletedTask;
    }
}

using System.Text.Json;
using Parley.Client;

namespace Parley.Cli;

/// <summary>Turns an event into the lines to print: formatted, or (with <c>--json</c>) the payload as one compact JSON line.</summary>
internal sealed class EventPresenter(bool json, EventFormatter formatter)
{
    public bool IsJson => json;

    public EventFormatter Formatter => formatter;

    public IReadOnlyList<string> Present(ServerEvent received, string? currentRoom)
    {
        if (!json)
        {
            return formatter.Format(received, currentRoom);
        }

        // Unreadable bytes are not JSON: print them as a JSON string, so every line stays parseable.
        return [received.Kind == ServerEventKind.Raw ? JsonSerializer.Serialize(received.Json, CliJsonContext.Default.String) : received.Json];
    }
}

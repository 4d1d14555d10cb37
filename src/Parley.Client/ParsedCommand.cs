using Parley.Protocol;

namespace Parley.Client;

/// <summary>The result of <see cref="CommandParser.Parse"/>.</summary>
public sealed record ParsedCommand(CommandAction Action, ChatRequest? Request = null, string? Hint = null)
{
    public static ParsedCommand Nothing { get; } = new(CommandAction.None);

    public static ParsedCommand Quit { get; } = new(CommandAction.Quit);

    public static ParsedCommand ToggleIds { get; } = new(CommandAction.ToggleIds);

    public static ParsedCommand Send(string request, string? content) => new(CommandAction.Send, new ChatRequest(request, content));

    public static ParsedCommand Local(string hint) => new(CommandAction.Hint, Hint: hint);
}

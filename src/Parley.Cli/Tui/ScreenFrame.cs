namespace Parley.Cli.Tui;

/// <summary>
/// Everything one screen shows, already laid out: <paramref name="Conversation"/> has exactly
/// <c>Height - 2</c> wrapped rows (top first); <paramref name="InputCursor"/> is a char index into
/// <paramref name="Input"/>, on a text-element boundary.
/// </summary>
internal sealed record ScreenFrame(
    int Width,
    int Height,
    IReadOnlyList<StyledLine> Conversation,
    StyledLine Status,
    string Prompt,
    string Input,
    int InputCursor);

namespace Parley.Cli.Tui;

/// <summary>A run of text drawn in one style: <paramref name="Style"/> holds SGR parameters ("1;38;5;33"), empty for the default.</summary>
internal readonly record struct Span(string Text, string Style = "");

using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary>The checks every message text passes (<c>msg</c> and <c>dm</c>), so both refuse the same way.</summary>
internal static class MessageText
{
    /// <summary>Why <paramref name="text"/> may not be sent (an error code and its text), or null when it may.</summary>
    public static (string Code, string Text)? Problem(ChatSession session, string? text, string usage)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (ErrorCodes.EmptyMessage, $"Cannot send an empty message. Usage: {usage}");
        }

        // The limit is in characters (Unicode scalars): an emoji counts once, not as its two UTF-16 units.
        var limit = session.Server.Options.MaxMessageLength;
        if (text.Length > limit && CountCharacters(text) is var length && length > limit)
        {
            return (ErrorCodes.MessageTooLong, $"Message too long: {length} characters; the limit is {limit}.");
        }

        return null;
    }

    private static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Parley.Protocol;

/// <summary>The room-name rule, in one place: <c>A-Z a-z 0-9 - _</c>, 1 to 32 characters, the whole string.</summary>
public static class RoomNames
{
    public const int MaxLength = 32;

    public static bool IsValid([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rooms are the same regardless of letter case (the spelling of the first creation is kept).</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;
}

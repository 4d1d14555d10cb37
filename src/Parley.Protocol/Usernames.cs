using System.Diagnostics.CodeAnalysis;

namespace Parley.Protocol;

/// <summary>The username rule, in one place: <c>A-Z a-z 0-9</c>, 1 to 32 characters, the whole string.</summary>
public static class Usernames
{
    public const int MaxLength = 32;

    /// <summary>Reserved for payloads the server itself sends.</summary>
    public const string Server = "server";

    public static bool IsValid([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsReserved(string name) => string.Equals(name, Server, StringComparison.OrdinalIgnoreCase);

    /// <summary>Names are unique regardless of letter case.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;
}

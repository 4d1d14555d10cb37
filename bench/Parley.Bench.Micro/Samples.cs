using System.Text;

namespace Parley.Bench.Micro;

/// <summary>The inputs shared by the benchmarks: a chat message of about a hundred bytes, as peers send it.</summary>
internal static class Samples
{
    public const string Text = "Hello everyone, this is a chat message of about a hundred bytes, which is typical enough.";

    public static string Compact { get; } = "{\"request\":\"msg\",\"content\":\"" + Text + "\"}";

    public static string Pretty { get; } = "{\n  \"request\": \"msg\",\n  \"content\": \"" + Text + "\"\n}";

    /// <summary><paramref name="count"/> requests, one per line, as one buffer.</summary>
    public static byte[] Stream(int count, bool pretty)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(pretty ? Pretty : Compact).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

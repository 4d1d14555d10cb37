using System.Globalization;
using System.Text;

namespace Parley.Protocol.Tests.Support;

/// <summary>
/// A reference for <c>json.dumps(s, ensure_ascii=True)</c>, written from CPython's <c>py_encode_basestring_ascii</c>:
/// <c>"</c> and <c>\</c> get a backslash, five controls have a short form, printable ASCII passes, every other
/// UTF-16 code unit becomes a lowercase <c>\uxxxx</c> (so astral characters become a surrogate pair).
/// </summary>
internal static class PythonJson
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                >= ' ' and <= '~' => c.ToString(),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return builder.Append('"').ToString();
    }
}

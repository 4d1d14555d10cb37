using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Bench;

/// <summary>What every workload's summary does: read the run files, take medians, print a Markdown table, save JSON.</summary>
internal static class SummaryTable
{
    public static List<T> Load<T>(IEnumerable<string> files, JsonTypeInfo<T> type) =>
        files.Select(f => JsonSerializer.Deserialize(File.ReadAllText(f), type)!).ToList();

    public static void Save<T>(string output, T rows, JsonTypeInfo<T> type) => File.WriteAllText(output, JsonSerializer.Serialize(rows, type));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    /// <summary>A Markdown table on standard output; a column whose header starts with '&lt;' is left-aligned (the '&lt;' is dropped).</summary>
    public static void Print(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.WriteLine("| " + string.Join(" | ", headers.Select(h => h.TrimStart('<'))) + " |");
        Console.WriteLine("|" + string.Concat(headers.Select(h => h.StartsWith('<') ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }

    public static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

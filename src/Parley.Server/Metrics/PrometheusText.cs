using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Parley.Server.Metrics;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4), the parts <c>/metrics</c> needs: names from
/// OpenTelemetry-style instruments (<c>parley.store.commit.duration</c> in seconds becomes
/// <c>parley_store_commit_duration_seconds</c>, a counter gets <c>_total</c>), label sets, escaping, numbers.
/// </summary>
internal static class PrometheusText
{
    /// <summary>The metric name: invalid characters become <c>_</c>, the unit a suffix, a counter ends in <c>_total</c>.</summary>
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = new StringBuilder(Sanitize(instrumentName, allowColon: true));
        if (UnitSuffix(unit) is { } suffix && !name.ToString().EndsWith(suffix, StringComparison.Ordinal))
        {
            name.Append(suffix);
        }

        if (isCounter && !name.ToString().EndsWith("_total", StringComparison.Ordinal))
        {
            name.Append("_total");
        }

        return name.ToString();
    }

    /// <summary>A label set without braces (<c>code="bad_json",room="lobby"</c>), sorted by label name so that equal sets are equal strings.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(Sanitize(key, allowColon: false)).Append("=\"");
            AppendEscaped(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, escapeQuotes: true);
            text.Append('"');
        }

        return text.ToString();
    }

    public static void AppendHeader(StringBuilder text, string name, string? help, string type)
    {
        text.Append("# HELP ").Append(name).Append(' ');
        AppendEscaped(text, help ?? name, escapeQuotes: false);
        text.Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>One sample line: <c>name{labels} value</c>; <paramref name="extraLabel"/> (a bucket's <c>le="..."</c>) is added to the set.</summary>
    public static void AppendSample(StringBuilder text, string name, string labels, double value, string? extraLabel = null)
    {
        text.Append(name);
        if (labels.Length > 0 || extraLabel is not null)
        {
            text.Append('{').Append(labels);
            if (extraLabel is not null)
            {
                text.Append(labels.Length > 0 ? "," : string.Empty).Append(extraLabel);
            }

            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'), // 5e-05, as Go (Prometheus) writes it
    };

    /// <summary>The Prometheus type of an instrument, and whether it is a counter (whose name ends in <c>_total</c>).</summary>
    public static (string Type, bool IsCounter) TypeOf(Instrument instrument)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return ("counter", true);
        }

        return definition == typeof(Histogram<>) ? ("histogram", false) : ("gauge", false);
    }

    private static string? UnitSuffix(string? unit) => unit switch
    {
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        _ => null, // "{request}" and the like are annotations, not units
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    private static void AppendEscaped(StringBuilder text, string value, bool escapeQuotes)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '"' when escapeQuotes => text.Append("\\\""),
                _ => text.Append(c),
            };
        }
    }
}

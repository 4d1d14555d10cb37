using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A <c>/metrics</c> answer, parsed as a scraper would and checked against the text format on the way: every
/// line is a HELP, a TYPE or a sample <c>name{labels} value</c>, and every sample belongs to a family whose
/// HELP and TYPE came before it. Samples are keyed as written: <c>parley_requests_total{request="msg"}</c>.
/// </summary>
public sealed partial class MetricsScrape
{
    private MetricsScrape(Dictionary<string, double> samples, Dictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyDictionary<string, double> Samples { get; }

    /// <summary>Each family's TYPE: counter, gauge or histogram.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public double this[string sample] => Samples.TryGetValue(sample, out var value) ? value
        : throw new Xunit.Sdk.XunitException($"No sample {sample} in the scrape:\n{string.Join('\n', Samples.Keys)}");

    /// <summary>The value, or 0 for a series not reported yet (a label nobody has used).</summary>
    public double ValueOrZero(string sample) => Samples.GetValueOrDefault(sample);

    public static async Task<MetricsScrape> GetAsync(HttpClient http)
    {
        using var response = await http.GetAsync("metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static MetricsScrape Parse(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var helped = new HashSet<string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text[..^1].Split('\n'))
        {
            if (HelpLine().Match(line) is { Success: true } help)
            {
                Assert.True(helped.Add(help.Groups["name"].Value), $"A second HELP: {line}");
                continue;
            }

            if (TypeLine().Match(line) is { Success: true } type)
            {
                Assert.True(helped.Contains(type.Groups["name"].Value), $"TYPE before HELP: {line}");
                types.Add(type.Groups["name"].Value, type.Groups["type"].Value);
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"Not a HELP, TYPE or sample line: '{line}'");
            var name = sample.Groups["name"].Value;
            var family = types.ContainsKey(name) ? name : HistogramSuffix().Replace(name, string.Empty);
            Assert.True(types.ContainsKey(family), $"A sample before its family's TYPE: {line}");
            Assert.True(family == name || types[family] == "histogram", $"A _bucket/_sum/_count sample of a {types[family]}: {line}");
            var value = sample.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            Assert.True(samples.TryAdd(name + sample.Groups["labels"].Value, value), $"A sample twice: {line}");
        }

        return new MetricsScrape(samples, types);
    }

    [GeneratedRegex(@"^# HELP (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) \S.*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\\n]|\\[\\""n])*""(?:,[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\\n]|\\[\\""n])*"")*\})? (?<value>[-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|Inf|NaN))$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}

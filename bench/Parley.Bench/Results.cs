using System.Text.Json.Serialization;

namespace Parley.Bench;

internal sealed record StepResult(
    double OfferedDeliveriesPerSecond,
    double MessagesPerSecond,
    double DeliveriesPerSecond,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double? ServerCpuPercent,
    int Disconnected,
    bool Passed,
    double? GeneratorCpuPercent = null,
    IReadOnlyDictionary<string, double>? WatchedCpuPercent = null,
    double? DeliveriesPerRead = null);

internal sealed record RunResult(
    string Server,
    string Protocol,
    int Members,
    int Publishers,
    int TextBytes,
    double StepSeconds,
    IReadOnlyList<StepResult> Steps,
    double MaxDeliveriesPerSecond,
    double MaxDeliveriesPerSecondP99Under50Ms,
    double? CpuPercentAt100k,
    string? StopReason,
    int Ports = 1);

internal sealed record SummaryRow(
    string Server,
    int Members,
    int TextBytes,
    int Runs,
    double MaxDeliveriesPerSecond,
    double MaxDeliveriesPerSecondP99Under50Ms,
    double? CpuPercentAt100k);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(List<SummaryRow>))]
[JsonSerializable(typeof(List<ClusterSummaryRow>))]
[JsonSerializable(typeof(IdleResult))]
[JsonSerializable(typeof(LoginResult))]
[JsonSerializable(typeof(List<LoginSummaryRow>))]
[JsonSerializable(typeof(LatencyResult))]
[JsonSerializable(typeof(List<LatencySummaryRow>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Parley.Cluster.Redis;

/// <summary>Orders between nodes travel as JSON (camelCase, the kind as a string).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NodeCommand))]
internal sealed partial class BackplaneJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Parley.Cli;

/// <summary>Source-generated serialization for the little JSON the CLI writes itself.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

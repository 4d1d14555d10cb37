using System.Text.Json;

namespace Parley.Protocol;

/// <summary>
/// What <see cref="JsonFrameReader"/> remembers between reads of one stream: how far into an unfinished value
/// it has parsed, so a value arriving a byte at a time is parsed once, not once per read. Start with
/// <c>default</c>; one per connection.
/// </summary>
public struct JsonFrameReaderState
{
    internal JsonReaderState Reader;

    /// <summary>Bytes of the unfinished value, from the front of the buffer, already parsed.</summary>
    internal long Parsed;

    internal bool InValue;
}

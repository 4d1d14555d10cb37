using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parley.Protocol.Tests.Properties;
using Parley.Protocol.Tests.Support;

namespace Parley.Protocol.Tests;

/// <summary>
/// The frame reader against a reference model (the list of the generated values), over generated streams cut
/// into random reads. A few hundred cases each, so the suite stays fast; a failure prints the shrunk case and
/// a seed for <c>Replay</c>.
/// </summary>
public class JsonFrameReaderProperties
{
    private const int Cases = 300;

    [Property(MaxTest = Cases)]
    public Property Any_split_of_a_valid_stream_yields_the_models_values() =>
        Prop.ForAll(StreamCaseGen.Valid(), c =>
        {
            var stream = Run(c);

            Assert.Equal(c.ExpectedValues, stream.Frames.Select(Canonical));
        });

    [Property(MaxTest = Cases)]
    public Property Every_value_after_a_line_of_garbage_is_still_read() =>
        Prop.ForAll(StreamCaseGen.WithGarbageLines(), c =>
        {
            var stream = Run(c);

            Assert.Equal(c.ExpectedValues, stream.Frames.Where(f => f != FrameStream.Invalid).Select(Canonical));
            Assert.True(stream.Frames.Count(f => f == FrameStream.Invalid) >= c.GarbageCount, "Every garbage line is reported.");
            Assert.True(stream.MaxRetainedBytes <= c.MaxFrameBytes);
        });

    [Property(MaxTest = Cases)]
    public Property Garbage_never_throws_nor_makes_the_reader_hold_more_than_the_limit() =>
        Prop.ForAll(StreamCaseGen.PureGarbage(), c =>
        {
            // Run asserts that every frame consumes bytes and that nothing is held once the stream ends.
            var stream = Run(c);

            Assert.InRange(stream.MaxRetainedBytes, 0, c.MaxFrameBytes);
        });

    [Property(MaxTest = Cases)]
    public Property A_value_over_the_limit_is_always_too_large_and_never_held_beyond_it() =>
        Prop.ForAll(StreamCaseGen.OverTheLimit(), c =>
        {
            var stream = Run(c);
            var before = c.Pieces.TakeWhile(p => p.Kind != PieceKind.Value || p.Bytes.Length <= c.MaxFrameBytes)
                .Count(p => p.Kind == PieceKind.Value);

            Assert.Equal(c.ExpectedValues.Take(before), stream.Frames.Take(before).Select(Canonical));
            Assert.Equal(FrameStream.TooLarge, stream.Frames[before]);
            Assert.InRange(stream.MaxRetainedBytes, 0, c.MaxFrameBytes);
        });

    private static FrameStream Run(StreamCase c)
    {
        var stream = new FrameStream(c.MaxFrameBytes);
        foreach (var chunk in c.Chunks())
        {
            stream.Append(chunk);
        }

        return stream.Complete();
    }

    private static string Canonical(string frame) =>
        frame is FrameStream.Invalid or FrameStream.TooLarge ? frame : StreamCase.Canonical(Sequences.Utf8(frame));
}

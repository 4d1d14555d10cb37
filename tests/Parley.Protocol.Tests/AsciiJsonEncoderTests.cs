using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Protocol.Tests.Support;

namespace Parley.Protocol.Tests;

/// <summary>The escaping must equal Python's <c>json.dumps(ensure_ascii=True, separators=(',', ':'))</c>.</summary>
public class AsciiJsonEncoderTests
{
    public static TheoryData<int> EveryAsciiCharacter()
    {
        var data = new TheoryData<int>();
        for (var c = 0; c < 0x80; c++)
        {
            data.Add(c);
        }

        return data;
    }

    public static TheoryData<string> Texts() => new()
    {
        string.Empty,
        "plain text",
        "\u0080\u00a0\u00e6\u00f8\u00e5\u00ff",
        "\u2028\u2029\ufeff\ufffd\uffff",
        "日本語",
        "\U0001F600\U0001F680\U0010FFFF",
        "a\"b<c>&'\\ \u00e6\U0001F600\n",
        "{\"request\":\"msg\",\"content\":\"nested \\\"json\\\"\"}",
        string.Concat(Enumerable.Repeat("\U0001F600\u0001\"", 3000)),
    };

    private static string WriteContent(string content)
        => Encoding.ASCII.GetString(PayloadWriter.ToLine(new ChatRequest("msg", content)));

    [Theory]
    [MemberData(nameof(EveryAsciiCharacter))]
    public void Every_ascii_character_is_written_as_python_writes_it(int c)
    {
        var text = $"<{(char)c}>";

        Assert.Equal("{\"request\":\"msg\",\"content\":" + PythonJson.Quote(text) + "}\n", WriteContent(text));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Text_is_written_as_python_writes_it(string text)
    {
        Assert.Equal("{\"request\":\"msg\",\"content\":" + PythonJson.Quote(text) + "}\n", WriteContent(text));
    }

    [Fact]
    public void The_output_matches_a_line_produced_by_python()
    {
        // python3 -c 'import json; print(json.dumps({"request":"msg","content":s}, ensure_ascii=True, separators=(",",":")))'
        const string Text = "ctl \u0000\u0001\u001f\u007f \n\t\r\b\f \" \\ / <>&' æ ø \u2028\u2029 \ufeff \U0001F600 \U0001F680 \U0010FFFF end";
        const string Python =
            """{"request":"msg","content":"ctl \u0000\u0001\u001f\u007f \n\t\r\b\f \" \\ / <>&' \u00e6 \u00f8 \u2028\u2029 \ufeff \ud83d\ude00 \ud83d\ude80 \udbff\udfff end"}""";

        Assert.Equal(Python + "\n", WriteContent(Text));
    }

    [Theory]
    [InlineData("\u0001", "\\u0001")]
    [InlineData("\u001f", "\\u001f")]
    [InlineData("\n", "\\n")]
    [InlineData("\t", "\\t")]
    [InlineData("\r", "\\r")]
    [InlineData("\b", "\\b")]
    [InlineData("\f", "\\f")]
    [InlineData("\"", "\\\"")]
    [InlineData("\\", "\\\\")]
    [InlineData("/", "/")]
    [InlineData("\u007f", "\\u007f")]
    [InlineData("\u00c6", "\\u00c6")]
    [InlineData("\U0001F600", "\\ud83d\\ude00")]
    public void The_encoder_escapes_one_character_as_python_does(string text, string expected)
    {
        Assert.Equal(expected, AsciiJsonEncoder.Instance.Encode(text));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_utf8_path_escapes_like_the_utf16_path(string text)
    {
        var source = Encoding.UTF8.GetBytes(text);
        var destination = new byte[source.Length * 12 + 16];

        var status = AsciiJsonEncoder.Instance.EncodeUtf8(source, destination, out var consumed, out var written);

        Assert.Equal(System.Buffers.OperationStatus.Done, status);
        Assert.Equal(source.Length, consumed);
        Assert.Equal(PythonJson.Quote(text)[1..^1], Encoding.ASCII.GetString(destination, 0, written));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_writer_using_the_encoder_produces_ascii_that_reads_back_to_the_same_text(string text)
    {
        var line = PayloadWriter.ToLine(new ChatRequest("msg", text));

        Assert.All(line[..^1], b => Assert.InRange(b, (byte)0x20, (byte)0x7e));
        Assert.Equal((byte)'\n', line[^1]);
        using var document = JsonDocument.Parse(line);
        Assert.Equal(text, document.RootElement.GetProperty("content").GetString());
    }

    [Fact]
    public void The_encoder_reports_which_scalars_it_escapes()
    {
        Assert.False(AsciiJsonEncoder.Instance.WillEncode('a'));
        Assert.False(AsciiJsonEncoder.Instance.WillEncode('<'));
        Assert.False(AsciiJsonEncoder.Instance.WillEncode('~'));
        Assert.True(AsciiJsonEncoder.Instance.WillEncode('"'));
        Assert.True(AsciiJsonEncoder.Instance.WillEncode('\\'));
        Assert.True(AsciiJsonEncoder.Instance.WillEncode(0x1F));
        Assert.True(AsciiJsonEncoder.Instance.WillEncode(0x7F));
        Assert.True(AsciiJsonEncoder.Instance.WillEncode(0x1F600));
        Assert.IsAssignableFrom<JavaScriptEncoder>(AsciiJsonEncoder.Instance);
    }
}

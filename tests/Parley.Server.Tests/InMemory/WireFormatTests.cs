using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public partial class WireFormatTests
{
    [Fact]
    public async Task Every_payload_is_one_compact_ascii_line_with_a_string_timestamp_and_sender()
    {
        await using var server = new InMemoryServer();
        var alice = server.Connect();
        var payloads = new List<JsonElement>
        {
            await alice.RequestAsync("help"),
            await alice.RequestAsync("names"),
        };
        await alice.SendAsync("login", "alice");
        payloads.Add(await alice.ReadPayloadAsync());
        payloads.Add(await alice.ReadPayloadAsync());
        payloads.Add(await alice.RequestAsync("msg", "caf\u00e9 \u65e5\u672c \U0001F600 \"q\" \\ \t<tag>"));
        payloads.Add(await alice.RequestAsync("msg", " "));
        payloads.Add(await alice.RequestAsync("history"));
        payloads.Add(await alice.RequestAsync("names"));

        Assert.Equal("caf\u00e9 \u65e5\u672c \U0001F600 \"q\" \\ \t<tag>", Payloads.Text(payloads[4]));
        var raw = alice.Reader.RawReceived;
        Assert.All(raw, b => Assert.True(b is >= 0x20 and < 0x7F or (byte)'\n', $"Byte 0x{b:x2} is not printable ASCII."));

        // One compact object per line (the newline after the last payload is not consumed yet).
        var lines = System.Text.Encoding.ASCII.GetString(raw).Split('\n');
        Assert.Equal(payloads.Count, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("{\"timestamp\":", line));
        Assert.All(lines, line => Assert.DoesNotContain("\": ", line));

        foreach (var payload in payloads)
        {
            Assert.Matches(TimestampPattern(), payload.GetProperty("timestamp").GetString());
            Assert.Equal(JsonValueKind.String, payload.GetProperty("sender").ValueKind);
            Assert.Contains(Payloads.Kind(payload), new[] { ResponseKinds.Error, ResponseKinds.Info, ResponseKinds.History, ResponseKinds.Message });
            var expectedSender = Payloads.Kind(payload) == ResponseKinds.Message ? "alice" : Usernames.Server;
            Assert.Equal(expectedSender, Payloads.Sender(payload));
            if (Payloads.Kind(payload) is ResponseKinds.Error or ResponseKinds.Info)
            {
                Assert.Equal(JsonValueKind.String, payload.GetProperty("content").ValueKind);
            }
        }
    }

    [Fact]
    public async Task History_items_carry_an_iso_timestamp_and_every_message_key()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await alice.RequestAsync("msg", "one");

        var item = Assert.Single(Payloads.HistoryItems(await alice.RequestAsync("history")));

        Assert.Matches(TimestampPattern(), item.GetProperty("timestamp").GetString());
        Assert.Equal("alice", Payloads.Sender(item));
        Assert.Equal(ResponseKinds.Message, Payloads.Kind(item));
        Assert.Equal("one", Payloads.Text(item));
        Assert.True(Payloads.Id(item) > 0);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex TimestampPattern();
}

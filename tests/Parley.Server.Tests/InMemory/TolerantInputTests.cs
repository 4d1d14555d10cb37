using System.Text;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class TolerantInputTests
{
    [Theory]
    [InlineData("{\"Request\": \"login\", \"Content\": \"alice\"}")]
    [InlineData("{\"REQUEST\": \"login\", \"CONTENT\": \"alice\"}")]
    [InlineData("{\"content\": \"alice\", \"request\": \"login\", \"extra\": [1, {\"a\": null}]}")]
    [InlineData("{\"request\": \" LOGIN \", \"content\": \"alice\"}")]
    [InlineData("{\"request\": \"Login\", \"content\": \"alice\"}\r\n")]
    public async Task Keys_in_any_case_and_request_names_in_any_case_with_spaces_are_accepted(string payload)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendRawAsync(payload);

        Assert.Equal("Login successful", Payloads.Info(await client.ReadPayloadAsync()));
    }

    [Theory]
    [InlineData("{\"request\": \"names\"}")]
    [InlineData("{\"request\": \"names\", \"content\": \"\"}")]
    [InlineData("{\"request\": \"names\", \"content\": \"None\"}")]
    [InlineData("{\"request\": \"names\", \"content\": null}")]
    [InlineData("{\"Request\": \"Names\", \"Content\": null}")]
    public async Task Requests_without_argument_accept_a_missing_empty_or_None_content(string payload)
    {
        await using var server = new InMemoryServer();
        var client = await server.LoginAsync("alice");

        await client.SendRawAsync(payload);

        Assert.EndsWith(": alice", Payloads.Info(await client.ReadPayloadAsync()));
    }

    [Theory]
    [InlineData("{\"request\": \"help\"}")]
    [InlineData("{\"request\": \"help\", \"content\": \"None\"}")]
    [InlineData("{\"request\": \"help\", \"content\": \"\"}")]
    public async Task Help_accepts_a_missing_empty_or_None_content(string payload)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendRawAsync(payload);

        Assert.Contains("login", Payloads.Info(await client.ReadPayloadAsync()));
    }

    [Fact]
    public async Task Concatenated_requests_in_one_write_are_each_answered()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendRawAsync("{\"request\":\"login\",\"content\":\"alice\"}{\"request\":\"msg\",\"content\":\"a}{\"}{\"request\":\"names\"}");

        await ReadLoginAsync(client);
        Payloads.Message(await client.ReadPayloadAsync(), "alice", "a}{");
        Assert.EndsWith(": alice", Payloads.Info(await client.ReadPayloadAsync()));
    }

    [Fact]
    public async Task A_request_split_across_two_writes_is_read_once_complete()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendRawAsync("{\"request\": \"lo");
        await client.SendRawAsync("gin\", \"content\": \"alice\"}");

        await ReadLoginAsync(client);
    }

    [Fact]
    public async Task A_pretty_printed_request_is_accepted()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendRawAsync("{\n    \"request\": \"login\",\n    \"content\": \"alice\"\n}\n");

        await ReadLoginAsync(client);
    }

    [Fact]
    public async Task A_byte_order_mark_at_the_start_of_the_stream_is_skipped()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("{\"request\": \"login\", \"content\": \"alice\"}")];
        await client.SendRawAsync(bytes);

        await ReadLoginAsync(client);
    }

    [Theory]
    [InlineData("hello there\n")]
    [InlineData("{\"request\": login}\n")]
    [InlineData("{{{{\n")]
    [InlineData("\u0000\u0001\u0002\n")]
    public async Task Garbage_gets_bad_json_and_the_connection_stays_usable(string garbage)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendRawAsync(garbage);

        Payloads.Error(await client.ReadPayloadAsync(), ErrorCodes.BadJson);
        await client.LoginAsync("alice");
    }

    [Theory]
    [InlineData("[\"login\", \"alice\"]")]
    [InlineData("\"login\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"content\": \"alice\"}")]
    [InlineData("{\"request\": 5, \"content\": \"alice\"}")]
    [InlineData("{\"request\": null}")]
    public async Task A_value_that_is_not_an_object_with_a_request_string_gets_bad_request(string payload)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendRawAsync(payload + "\n");

        Payloads.Error(await client.ReadPayloadAsync(), ErrorCodes.BadRequest);
        await client.LoginAsync("alice");
    }

    [Fact]
    public async Task A_payload_over_64_KiB_gets_too_large_and_the_connection_closes()
    {
        await using var server = new InMemoryServer();
        var client = await server.LoginAsync("alice");

        await client.SendRawAsync($"{{\"request\": \"msg\", \"content\": \"{new string('x', 70 * 1024)}\"}}");

        Payloads.Error(await client.ReadPayloadAsync(), ErrorCodes.TooLarge);
        Assert.Empty(await client.ReadUntilClosedAsync());
        await client.Completion.WaitAsync(TestTimeouts.Payload);
    }

    private static async Task ReadLoginAsync(TestClient client)
    {
        Assert.Equal("Login successful", Payloads.Info(await client.ReadPayloadAsync()));
        Assert.Equal(ResponseKinds.History, Payloads.Kind(await client.ReadPayloadAsync()));
    }
}

namespace Parley.Client.Tests;

public class ResponseReaderTests
{
    private static readonly DateTimeOffset s_received = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static ServerEvent Read(string json) => ResponseReader.Read(json, s_received);

    [Fact]
    public void Reads_a_parley_message_with_its_extras()
    {
        var message = Read("""{"timestamp":"2026-11-25T13:02:05.123Z","sender":"alice","response":"message","content":"hi","id":42,"room":"lobby"}""");

        Assert.Equal(ServerEventKind.Message, message.Kind);
        Assert.Equal("alice", message.Sender);
        Assert.Equal("hi", message.Text);
        Assert.Equal(42, message.Id);
        Assert.Equal("lobby", message.Room);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 13, 2, 5, 123, TimeSpan.Zero), message.Timestamp.Instant);
        Assert.Equal(s_received, message.ReceivedAt);
    }

    [Fact]
    public void Reads_discovery_keys_of_the_login_info()
    {
        var info = Read("""{"timestamp":"2026-11-25T13:02:05.123Z","sender":"server","response":"info","content":"Login successful","server":"parley/0.1.0","extensions":["history","join"]}""");

        Assert.Equal(ServerEventKind.Info, info.Kind);
        Assert.Equal("parley/0.1.0", info.ServerName);
        Assert.Equal(["history", "join"], info.Extensions);
        Assert.True(info.IsFromServer);
    }

    [Fact]
    public void Reads_the_error_code()
    {
        var error = Read("""{"timestamp":"x","sender":"server","response":"error","content":"Name taken","code":"name_taken"}""");

        Assert.Equal(ServerEventKind.Error, error.Kind);
        Assert.Equal("name_taken", error.Code);
        Assert.Equal("Name taken", error.Text);
    }

    [Theory]
    [InlineData("message", ServerEventKind.Message)]
    [InlineData("Message", ServerEventKind.Message)]
    [InlineData("MSG", ServerEventKind.Message)]
    [InlineData("msg", ServerEventKind.Message)]
    [InlineData(" info ", ServerEventKind.Info)]
    [InlineData("Info", ServerEventKind.Info)]
    [InlineData("ERROR", ServerEventKind.Error)]
    [InlineData("History", ServerEventKind.History)]
    [InlineData("names", ServerEventKind.Other)]
    [InlineData("login", ServerEventKind.Other)]
    [InlineData("logout", ServerEventKind.Other)]
    [InlineData("help", ServerEventKind.Other)]
    [InlineData("whatever", ServerEventKind.Other)]
    public void Response_kinds_in_any_case(string response, ServerEventKind expected)
    {
        var received = Read($$"""{"response":"{{response}}","content":"x"}""");

        Assert.Equal(expected, received.Kind);
        Assert.Equal(response, received.ResponseName);
    }

    [Fact]
    public void Keys_in_any_case_and_order_with_extra_keys()
    {
        var message = Read("""{"Content":"hi","extra":{"a":[1]},"RESPONSE":"Message","Sender":"bob","TimeStamp":"13:02:05"}""");

        Assert.Equal(ServerEventKind.Message, message.Kind);
        Assert.Equal("bob", message.Sender);
        Assert.Equal("hi", message.Text);
        Assert.NotNull(message.Timestamp.WallClock);
    }

    [Theory]
    [InlineData("""{"response":"info","content":"x"}""")]
    [InlineData("""{"sender":null,"response":"info","content":"x"}""")]
    [InlineData("""{"sender":"","response":"info","content":"x"}""")]
    [InlineData("""{"sender":"server","response":"info","content":"x"}""")]
    [InlineData("""{"sender":"Server","response":"info","content":"x"}""")]
    [InlineData("""{"sender":"SERVER","response":"info","content":"x"}""")]
    [InlineData("""{"sender":"[Server]","response":"info","content":"x"}""")]
    public void Server_senders_in_every_spelling_mean_the_server(string json)
    {
        Assert.True(Read(json).IsFromServer);
    }

    [Fact]
    public void Name_in_place_of_sender()
    {
        Assert.Equal("carol", Read("""{"name":"carol","response":"message","content":"hey"}""").Sender);
    }

    [Theory]
    [InlineData("""{"response":"info","content":"text"}""", "text")]
    [InlineData("""{"response":"info","content":42}""", "42")]
    [InlineData("""{"response":"info","content":true}""", "true")]
    [InlineData("""{"response":"error","content":{"reason":"bad"}}""", """{"reason":"bad"}""")]
    [InlineData("""{"response":"info","content":null}""", null)]
    [InlineData("""{"response":"info"}""", null)]
    public void Notice_content_of_any_json_type(string json, string? expected)
    {
        Assert.Equal(expected, Read(json).Text);
    }

    [Fact]
    public void Names_content_as_a_list()
    {
        var names = Read("""{"timestamp":1764075725,"sender":"","response":"names","content":["alice","bob"]}""");

        Assert.Equal(ServerEventKind.Other, names.Kind);
        Assert.Equal(["alice", "bob"], names.Items);
    }

    [Fact]
    public void Names_content_as_a_string()
    {
        var names = Read("""{"response":"info","content":"Users: alice, bob"}""");

        Assert.Null(names.Items);
        Assert.Equal("Users: alice, bob", names.Text);
    }

    [Fact]
    public void History_as_a_list_of_json_encoded_strings()
    {
        var history = Read("""
            {"response":"history","content":["{\"timestamp\":\"13:00:00\",\"sender\":\"a\",\"response\":\"message\",\"content\":\"one\"}",
            "{\"timestamp\":\"13:00:01\",\"sender\":\"b\",\"response\":\"message\",\"content\":\"two\"}"]}
            """);

        Assert.Equal(ServerEventKind.History, history.Kind);
        Assert.Equal(["a: one", "b: two"], history.History.Select(m => $"{m.Sender}: {m.Text}"));
        Assert.All(history.History, m => Assert.Equal(ServerEventKind.Message, m.Kind));
    }

    [Fact]
    public void History_as_a_list_of_objects_some_without_timestamp_or_response()
    {
        var history = Read("""{"response":"history","content":[{"timestamp":1764075725.25,"sender":"a","response":"message","content":"one"},{"sender":"b","content":"two"}]}""");

        Assert.Equal(2, history.History.Count);
        Assert.Equal(ServerEventKind.Message, history.History[1].Kind);
        Assert.True(history.History[1].Timestamp.IsMissing);
        Assert.NotNull(history.History[0].Timestamp.Instant);
    }

    [Fact]
    public void History_as_a_list_of_plain_strings()
    {
        var history = Read("""{"response":"history","content":["alice: hi","bob: yo"]}""");

        Assert.Equal(["alice: hi", "bob: yo"], history.History.Select(m => m.Text));
        Assert.All(history.History, m => Assert.Null(m.Sender));
    }

    [Fact]
    public void History_as_one_string_of_lines()
    {
        var history = Read("""{"response":"history","content":"alice: hi\nbob: yo\n"}""");

        Assert.Equal(["alice: hi", "bob: yo"], history.History.Select(m => m.Text));
    }

    [Fact]
    public void History_as_one_json_encoded_string()
    {
        var history = Read("""{"response":"history","content":"[{\"sender\":\"a\",\"content\":\"one\"}]"}""");

        Assert.Equal("a", Assert.Single(history.History).Sender);
    }

    [Fact]
    public void History_as_one_object_per_payload()
    {
        var history = Read("""{"response":"history","content":{"sender":"a","response":"message","content":"one"}}""");

        Assert.Equal("one", Assert.Single(history.History).Text);
    }

    [Theory]
    [InlineData("""{"response":"history","content":[]}""")]
    [InlineData("""{"response":"history","content":null}""")]
    [InlineData("""{"response":"history"}""")]
    public void Empty_history(string json)
    {
        var history = Read(json);

        Assert.Equal(ServerEventKind.History, history.Kind);
        Assert.Empty(history.History);
    }

    [Fact]
    public void A_bare_array_is_a_history()
    {
        var history = Read("""[{"sender":"a","content":"one"},"{\"sender\":\"b\",\"content\":\"two\"}","plain"]""");

        Assert.Equal(ServerEventKind.History, history.Kind);
        Assert.Equal(["one", "two", "plain"], history.History.Select(m => m.Text));
    }

    [Theory]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_json_value_that_is_not_a_payload_is_raw(string json)
    {
        Assert.Equal(ServerEventKind.Raw, Read(json).Kind);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"response\": \"info\", ")]
    [InlineData("")]
    [InlineData("{]")]
    public void Unreadable_input_is_raw_and_kept(string text)
    {
        var raw = Read(text);

        Assert.Equal(ServerEventKind.Raw, raw.Kind);
        Assert.Equal(text, raw.Json);
    }

    [Fact]
    public void Json_is_the_payload_compacted()
    {
        var info = Read("{\n  \"response\": \"info\",\n  \"content\": \"h\u00e9\"\n}");

        Assert.Equal("{\"response\":\"info\",\"content\":\"h\u00e9\"}", info.Json);
    }

    [Fact]
    public void Message_content_that_is_not_a_string_is_shown_as_json()
    {
        Assert.Equal("[1,2]", Read("""{"response":"message","sender":"a","content":[1,2]}""").Text);
    }
}

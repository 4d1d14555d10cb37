using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class LoginTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("Z9")]
    [InlineData("abcdefghijABCDEFGHIJ0123456789xy")] // 32 characters
    public async Task Names_of_letters_and_digits_from_1_to_32_characters_are_accepted(string name)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.LoginAsync(name);

        Assert.Contains(name, Payloads.Info(await client.RequestAsync("names")));
    }

    [Theory]
    [InlineData("abcdefghijABCDEFGHIJ0123456789xyz")] // 33 characters
    [InlineData("bob\n")]
    [InlineData("bob ")]
    [InlineData(" bob")]
    [InlineData("bø")]
    [InlineData("bo_b")]
    [InlineData("bo-b")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Other_names_are_refused_as_invalid(string? name)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        Payloads.Error(await client.RequestAsync("login", name), ErrorCodes.InvalidUsername);

        // The connection stays usable and the client is still not logged in.
        Payloads.Error(await client.RequestAsync("names"), ErrorCodes.NotLoggedIn);
        await client.LoginAsync("bob");
    }

    [Theory]
    [InlineData("server")]
    [InlineData("Server")]
    [InlineData("SERVER")]
    public async Task The_name_server_is_reserved_in_any_letter_case(string name)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        Assert.Contains("reserved", Payloads.Error(await client.RequestAsync("login", name), ErrorCodes.InvalidUsername));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("aLiCe")]
    public async Task A_name_in_use_is_refused_whatever_its_letter_case(string name)
    {
        await using var server = new InMemoryServer();
        await server.LoginAsync("Alice");
        var client = server.Connect();

        Payloads.Error(await client.RequestAsync("login", name), ErrorCodes.NameTaken);

        await client.LoginAsync("bob");
    }

    [Fact]
    public async Task A_second_login_on_the_same_connection_is_refused()
    {
        await using var server = new InMemoryServer();
        var client = await server.LoginAsync("alice");

        Payloads.Error(await client.RequestAsync("login", "bob"), ErrorCodes.AlreadyLoggedIn);

        // Still alice, and bob is still free.
        Assert.EndsWith(": alice", Payloads.Info(await client.RequestAsync("names")));
        await server.LoginAsync("bob");
    }

    [Fact]
    public async Task Login_is_answered_by_an_info_with_discovery_keys_then_a_separate_history()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        await client.SendAsync("login", "alice");
        var info = await client.ReadPayloadAsync();
        var infoEnd = client.Reader.LastFrameEnd;
        var history = await client.ReadPayloadAsync();

        Assert.Equal("Login successful", Payloads.Info(info));
        Assert.StartsWith("parley/", info.GetProperty("server").GetString());
        Assert.Contains("history", info.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ResponseKinds.History, Payloads.Kind(history));

        // The info ended a write of its own (its newline included): the history came in a later one.
        Assert.Contains(infoEnd + 1, client.ServerFlushes.FlushEnds);
    }

    [Fact]
    public async Task Info_and_history_are_separate_writes_even_without_the_pause()
    {
        await using var server = new InMemoryServer(("HistoryDelayMilliseconds", "0"));
        var client = server.Connect();

        await client.SendAsync("login", "alice");
        Payloads.Info(await client.ReadPayloadAsync());
        var infoEnd = client.Reader.LastFrameEnd;
        await client.ReadPayloadAsync();

        Assert.Contains(infoEnd + 1, client.ServerFlushes.FlushEnds);
    }

    [Fact]
    public async Task History_is_sent_after_login_even_when_there_are_no_messages()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        var history = await client.LoginAsync("alice");

        Assert.Equal(System.Text.Json.JsonValueKind.Array, history.GetProperty("content").ValueKind);
        Assert.Empty(Payloads.HistoryItems(history));
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.InMemory;

/// <summary>
/// Every request that writes, while the store refuses writes as a full disk would (<see cref="InMemoryChatStore.WriteFault"/>):
/// the user gets <c>store_unavailable</c>, nothing of the request happens, the connection stays, and nothing is
/// logged as an error. The real disk is in EndToEnd/DiskFullTests.
/// </summary>
public class StoreFaultTests
{
    private static readonly StoreUnavailableException s_diskFull = new("the database disk is full");

    [Fact]
    public async Task A_refused_message_or_direct_message_reaches_no_one_and_the_sender_is_told_why()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        server.Store.WriteFault = s_diskFull;
        Assert.Equal(
            "The server cannot store messages right now (the database disk is full); your message was not delivered. Try again later.",
            await RefusedAsync(alice, "msg", "lost"));
        await RefusedAsync(alice, "dm", "bob lost too");
        server.Store.WriteFault = null;

        // Bob's next payload is the next message: neither refused one came before it.
        Payloads.Message(await alice.RequestAsync("msg", "kept"), "alice", "kept");
        Payloads.Message(await bob.ReadPayloadAsync(), "alice", "kept");
        Assert.Equal(["kept"], (await server.Store.GetRecentAsync("lobby", 10, null, CancellationToken.None)).Select(m => m.Text));
    }

    [Fact]
    public async Task Register_password_and_joining_a_new_room_are_refused_and_change_nothing()
    {
        await using var server = AccountFixtures.NewServer();
        var alice = await AccountFixtures.RegisteredAsync(server, "alice", "alice-password");
        var bob = await server.LoginAsync("bob");

        server.Store.WriteFault = s_diskFull;
        Assert.Equal(
            "The server cannot store changes right now (the database disk is full); your 'register' was not carried out. Try again later.",
            await RefusedAsync(bob, "register", "bob-password"));
        await RefusedAsync(alice, "password", "alice-password alice-new-password");
        await RefusedAsync(bob, "join", "dev");
        Assert.Equal("Users in #lobby (2): alice, bob", Payloads.Info(await bob.RequestAsync("names")));
        Assert.Equal("Rooms: lobby (2)", Payloads.Info(await bob.RequestAsync("rooms")));
        server.Store.WriteFault = null;

        Assert.Null(await server.Store.FindAccountAsync("bob", CancellationToken.None));
        await alice.RequestAsync("logout");
        await server.Connect().LoginAsync("alice alice-password"); // the old password still holds
        Payloads.Info(await bob.RequestAsync("register", "bob-password"));
    }

    [Fact]
    public async Task Moderation_is_refused_when_its_change_cannot_be_stored()
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);
        var bob = await AccountFixtures.RegisteredAsync(server, "bob", "bob-password");
        var message = Payloads.Id(await bob.RequestAsync("msg", "hello"));
        await mod.ReadPayloadAsync();

        server.Store.WriteFault = s_diskFull;
        foreach (var (request, content) in new[] { ("op", "bob"), ("ban", "bob spam"), ("delete", message.ToString(System.Globalization.CultureInfo.InvariantCulture)) })
        {
            Assert.Contains($"your '{request}' was not carried out", await RefusedAsync(mod, request, content), StringComparison.Ordinal);
        }

        Payloads.Error(await bob.RequestAsync("ban", "mod"), ErrorCodes.Forbidden); // a denial is still a denial
        server.Store.WriteFault = null;

        Assert.Equal("No bans.", Payloads.Info(await mod.RequestAsync("bans")));
        Payloads.Error(await bob.RequestAsync("bans"), ErrorCodes.Forbidden); // not a moderator
        Assert.NotNull(await server.Store.FindMessageAsync(message, CancellationToken.None));
    }

    [Fact]
    public async Task A_kick_or_a_login_goes_on_when_only_a_secondary_write_cannot_be_stored()
    {
        await using var server = AccountFixtures.NewServer();
        using var weakHasher = new PasswordHasher(Options.Create(new ChatServerOptions { PasswordIterations = 500 }));
        var weakHash = await weakHasher.HashAsync("carol-password", CancellationToken.None);
        await server.Store.CreateAccountAsync(new Account("carol", weakHash, IsModerator: false, DateTimeOffset.UnixEpoch), CancellationToken.None);
        var mod = await AccountFixtures.ModeratorAsync(server);
        var bob = await server.LoginAsync("bob");

        server.Store.WriteFault = s_diskFull;

        // The kick's audit entry cannot be stored: the kick holds, and the entry goes to the log instead.
        await mod.SendAsync("kick", "bob bye");
        Assert.Equal($"You were kicked by {AccountFixtures.Moderator}: bye", Payloads.Info(Assert.Single(await bob.ReadUntilClosedAsync())));
        await AccountFixtures.ReadInfoAsync(mod, "bob was kicked");
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Audit entry not stored (the database disk is full)", StringComparison.Ordinal));

        // The stronger hash of a login cannot be stored: the login holds with the old one.
        await server.Connect().LoginAsync("carol carol-password");
        server.Store.WriteFault = null;
        Assert.Equal(weakHash, (await server.Store.FindAccountAsync("carol", CancellationToken.None))!.PasswordHash);
    }

    /// <summary>Sends a request, checks the answer is <c>store_unavailable</c> and returns its text.</summary>
    private static async Task<string> RefusedAsync(TestClient client, string request, string? content)
        => Payloads.Error(await client.RequestAsync(request, content), ErrorCodes.StoreUnavailable);
}

using System.Net;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class ModerationTests
{
    public static TheoryData<string, string?> Requests => new()
    {
        { "op", "bob" }, { "deop", "bob" }, { "kick", "bob" }, { "ban", "bob spam" },
        { "unban", "bob" }, { "bans", null }, { "delete", "1" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_moderation_request_is_forbidden_to_others_and_audited(string request, string? content)
    {
        await using var server = AccountFixtures.NewServer();
        var plain = await server.LoginAsync("carol");
        var registered = await AccountFixtures.RegisteredAsync(server, "dave", "dave-password");
        await server.LoginAsync("bob");

        Assert.StartsWith("Only moderators can", Payloads.Error(await plain.RequestAsync(request, content), ErrorCodes.Forbidden));
        Payloads.Error(await registered.RequestAsync(request, content), ErrorCodes.Forbidden);

        var audit = await server.Store.ListAuditAsync(10, CancellationToken.None);
        Assert.Equal(["carol", "dave"], audit.Select(a => a.Actor));
        Assert.All(audit, a => Assert.Equal(("denied", request), (a.Action, a.Detail)));
        Assert.Equal("Users in #lobby (3): bob, carol, dave", Payloads.Info(await plain.RequestAsync("names")));
    }

    [Fact]
    public async Task A_configured_moderator_must_still_register_and_log_in_with_the_password()
    {
        await using var server = AccountFixtures.NewServer();
        var unregistered = await server.LoginAsync(AccountFixtures.Moderator);
        Payloads.Error(await unregistered.RequestAsync("bans"), ErrorCodes.Forbidden);

        Payloads.Info(await unregistered.RequestAsync("register", AccountFixtures.ModeratorPassword));
        Assert.Equal("No bans.", Payloads.Info(await unregistered.RequestAsync("bans")));
        await unregistered.RequestAsync("logout");

        var again = server.Connect();
        await again.LoginAsync($"{AccountFixtures.Moderator} {AccountFixtures.ModeratorPassword}");
        Assert.Equal("No bans.", Payloads.Info(await again.RequestAsync("bans")));
    }

    [Fact]
    public async Task An_impersonator_cannot_log_in_as_a_moderator()
    {
        await using var server = AccountFixtures.NewServer();
        await (await AccountFixtures.ModeratorAsync(server)).RequestAsync("logout");
        var impostor = server.Connect();

        Payloads.Error(await impostor.RequestAsync("login", AccountFixtures.Moderator), ErrorCodes.PasswordRequired);
        Payloads.Error(await impostor.RequestAsync("login", $"{AccountFixtures.Moderator} guess"), ErrorCodes.BadPassword);
        Payloads.Error(await impostor.RequestAsync("login", $"{AccountFixtures.Moderator.ToUpperInvariant()} guess"), ErrorCodes.BadPassword);
        Payloads.Error(await impostor.RequestAsync("bans"), ErrorCodes.NotLoggedIn);
    }

    [Fact]
    public async Task Op_makes_a_registered_user_a_moderator_and_deop_takes_it_back_at_once()
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);
        var bob = await AccountFixtures.RegisteredAsync(server, "bob", "bob-password");

        Assert.Equal("bob is now a moderator.", Payloads.Info(await mod.RequestAsync("op", "bob")));
        Assert.Equal($"{AccountFixtures.Moderator} made you a moderator.", Payloads.Info(await bob.ReadPayloadAsync()));
        Assert.Equal("No bans.", Payloads.Info(await bob.RequestAsync("bans")));
        Payloads.Error(await mod.RequestAsync("op", "bob"), ErrorCodes.InvalidArgument);

        Assert.Equal("bob is no longer a moderator.", Payloads.Info(await mod.RequestAsync("deop", "BOB")));
        Payloads.Error(await bob.RequestAsync("bans"), ErrorCodes.Forbidden);
        Payloads.Error(await mod.RequestAsync("deop", "bob"), ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task Op_and_deop_refuse_unregistered_names_bad_arguments_and_configured_moderators()
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);
        await server.LoginAsync("carol");

        Payloads.Error(await mod.RequestAsync("op", "carol"), ErrorCodes.NotRegistered);
        Payloads.Error(await mod.RequestAsync("deop", "carol"), ErrorCodes.NotRegistered);
        Payloads.Error(await mod.RequestAsync("op", null), ErrorCodes.InvalidArgument);
        Payloads.Error(await mod.RequestAsync("op", "bad-name"), ErrorCodes.InvalidArgument);
        Assert.Contains("configuration", Payloads.Error(await mod.RequestAsync("deop", AccountFixtures.Moderator), ErrorCodes.InvalidArgument));
    }

    [Fact]
    public async Task Kick_tells_the_user_closes_its_connection_and_tells_the_room()
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);
        var bob = await server.LoginAsync("bob");
        var carol = await server.LoginAsync("carol");

        await mod.SendAsync("kick", "bob stop spamming");

        var toBob = Assert.Single(await bob.ReadUntilClosedAsync());
        Assert.Equal($"You were kicked by {AccountFixtures.Moderator}: stop spamming", Payloads.Info(toBob));
        foreach (var watcher in new[] { carol, mod })
        {
            var notice = await AccountFixtures.ReadInfoAsync(watcher, "was kicked");
            Assert.Equal($"bob was kicked by {AccountFixtures.Moderator}: stop spamming", Payloads.Text(notice));
            Assert.Equal("lobby", notice.GetProperty("room").GetString());
        }

        Assert.DoesNotContain("bob", Payloads.Info(await carol.RequestAsync("names")));
        await server.Connect().LoginAsync("bob"); // a kick is not a ban
    }

    [Fact]
    public async Task Kick_refuses_a_user_who_is_not_logged_in_and_bad_arguments()
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);

        Assert.Equal("bob is not logged in.", Payloads.Error(await mod.RequestAsync("kick", "bob"), ErrorCodes.NotFound));
        Payloads.Error(await mod.RequestAsync("kick", null), ErrorCodes.InvalidArgument);
        Payloads.Error(await mod.RequestAsync("kick", AccountFixtures.Moderator), ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task A_ban_removes_the_user_and_keeps_the_name_and_the_address_out_until_unbanned()
    {
        await using var server = AccountFixtures.NewServer();
        var banned = IPAddress.Parse("10.0.0.5");
        var mod = await AccountFixtures.ModeratorAsync(server, IPAddress.Parse("10.0.0.1"));
        var bob = server.Connect(banned);
        await bob.LoginAsync("bob");

        await mod.SendAsync("ban", "bob flooding");
        Assert.Equal($"You are banned by {AccountFixtures.Moderator}: flooding", Payloads.Info(Assert.Single(await bob.ReadUntilClosedAsync())));
        await AccountFixtures.ReadInfoAsync(mod, "bob was banned by");
        Assert.Equal("bob is banned.", Payloads.Info(await mod.ReadPayloadAsync()));

        Assert.Equal("The name bob is banned: flooding", Payloads.Error(await server.Connect().RequestAsync("login", "bob"), ErrorCodes.Banned));
        Payloads.Error(await server.Connect(banned).RequestAsync("login", "bobby"), ErrorCodes.Banned);
        await server.Connect(IPAddress.Parse("10.0.0.6")).LoginAsync("bobby");

        Assert.Equal("bob is no longer banned.", Payloads.Info(await mod.RequestAsync("unban", "bob")));
        Assert.Equal("bob is not banned.", Payloads.Error(await mod.RequestAsync("unban", "bob"), ErrorCodes.NotFound));
        await server.Connect(banned).LoginAsync("bob");
    }

    [Fact]
    public async Task A_moderator_who_proves_the_password_is_not_locked_out_by_a_shared_address()
    {
        await using var server = AccountFixtures.NewServer();
        var shared = IPAddress.Parse("10.0.0.9");
        var mod = await AccountFixtures.ModeratorAsync(server);
        await server.Connect(shared).LoginAsync("bob");
        await mod.RequestAsync("ban", "bob");
        await mod.RequestAsync("logout");

        await server.Connect(shared).LoginAsync($"{AccountFixtures.Moderator} {AccountFixtures.ModeratorPassword}");
    }

    [Fact]
    public async Task Bans_lists_every_ban_and_ban_refuses_yourself_and_configured_moderators()
    {
        await using var server = AccountFixtures.NewServer(("Moderators:1", "boss"));
        var mod = await AccountFixtures.ModeratorAsync(server);
        await server.Connect(IPAddress.Parse("10.1.2.3")).LoginAsync("bob");

        await mod.SendAsync("ban", "bob spam, twice");
        Assert.Equal("bob is banned.", Payloads.Text(await AccountFixtures.ReadInfoAsync(mod, "is banned")));
        Payloads.Info(await mod.RequestAsync("ban", "eve"));
        var list = Payloads.Info(await mod.RequestAsync("bans"));

        Assert.Matches(@"^Bans \(2\):\nbob \(address 10\.1\.2\.3\) by mod at \S+Z: spam, twice\n", list);
        Assert.Contains("\neve by mod at ", list);
        Payloads.Error(await mod.RequestAsync("ban", AccountFixtures.Moderator), ErrorCodes.InvalidArgument);
        Payloads.Error(await mod.RequestAsync("ban", "boss"), ErrorCodes.InvalidArgument);
        Payloads.Error(await mod.RequestAsync("ban", null), ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task Delete_removes_a_message_from_history_and_tells_the_room()
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);
        var alice = await server.LoginAsync("alice");
        var id = Payloads.Id(await alice.RequestAsync("msg", "regrettable"));
        await mod.ReadPayloadAsync();
        await alice.RequestAsync("msg", "fine");
        await mod.ReadPayloadAsync();

        await mod.SendAsync("delete", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        foreach (var member in new[] { alice, mod })
        {
            var notice = await AccountFixtures.ReadInfoAsync(member, "was removed");
            Assert.Equal($"Message {id} was removed by a moderator.", Payloads.Text(notice));
            Assert.Equal(id, notice.GetProperty("deleted").GetInt64());
            Assert.Equal("lobby", notice.GetProperty("room").GetString());
        }

        var history = Payloads.HistoryItems(await server.Connect().LoginAsync("later"));
        Assert.Equal(["fine"], history.Select(Payloads.Text));
        Payloads.Error(await mod.RequestAsync("delete", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData(null, ErrorCodes.InvalidArgument)]
    [InlineData("abc", ErrorCodes.InvalidArgument)]
    [InlineData("-1", ErrorCodes.InvalidArgument)]
    [InlineData("999", ErrorCodes.NotFound)]
    public async Task Delete_refuses_what_is_not_a_message_id(string? content, string code)
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);

        Payloads.Error(await mod.RequestAsync("delete", content), code);
    }

    [Fact]
    public async Task Every_moderation_action_is_written_to_the_audit_log()
    {
        await using var server = AccountFixtures.NewServer();
        var mod = await AccountFixtures.ModeratorAsync(server);
        await AccountFixtures.RegisteredAsync(server, "bob", "bob-password");
        var carol = await server.LoginAsync("carol");
        var id = Payloads.Id(await carol.RequestAsync("msg", "oops"));
        await mod.ReadPayloadAsync();

        await mod.RequestAsync("op", "bob");
        await mod.RequestAsync("deop", "bob");
        await mod.SendAsync("kick", "bob bye");
        await AccountFixtures.ReadInfoAsync(mod, "bob was kicked");
        await mod.SendAsync("ban", "carol rude");
        await AccountFixtures.ReadInfoAsync(mod, "carol is banned.");
        await mod.RequestAsync("unban", "carol");
        await mod.SendAsync("delete", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AccountFixtures.ReadInfoAsync(mod, "was removed");

        var audit = await server.Store.ListAuditAsync(100, CancellationToken.None);
        Assert.Equal(["op", "deop", "kick", "ban", "unban", "delete"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(AccountFixtures.Moderator, a.Actor));
        Assert.Equal(["bob", "bob", "bob", "carol", "carol", id.ToString(System.Globalization.CultureInfo.InvariantCulture)], audit.Select(a => a.Target));
        Assert.Equal("bye", audit[2].Detail);
        Assert.DoesNotContain(audit, a => a.Detail?.Contains("oops", StringComparison.Ordinal) == true);
    }
}

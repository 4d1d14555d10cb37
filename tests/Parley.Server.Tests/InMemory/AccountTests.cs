using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;
using Parley.Storage;

namespace Parley.Server.Tests.InMemory;

public class AccountTests
{
    private const string Password = "correct horse";

    [Fact]
    public async Task Once_registered_a_name_needs_its_password_at_login()
    {
        await using var server = AccountFixtures.NewServer();
        var alice = await AccountFixtures.RegisteredAsync(server, "alice", Password);
        await alice.RequestAsync("logout");

        var other = server.Connect();
        Assert.Equal("The name alice is registered: login alice <password>",
            Payloads.Error(await other.RequestAsync("login", "alice"), ErrorCodes.PasswordRequired));
        Payloads.Error(await other.RequestAsync("login", "ALICE wrong password"), ErrorCodes.BadPassword);
        await other.LoginAsync($"alice {Password}");
        Assert.EndsWith(": alice", Payloads.Info(await other.RequestAsync("names")));
    }

    [Fact]
    public async Task The_password_is_required_even_while_the_owner_is_online()
    {
        await using var server = AccountFixtures.NewServer();
        await AccountFixtures.RegisteredAsync(server, "alice", Password);

        // The account check comes before the name check: an impostor learns nothing more than "registered".
        Payloads.Error(await server.Connect().RequestAsync("login", "alice"), ErrorCodes.PasswordRequired);
        Payloads.Error(await server.Connect().RequestAsync("login", $"alice {Password}"), ErrorCodes.NameTaken);
    }

    [Fact]
    public async Task A_password_for_a_name_nobody_registered_is_refused()
    {
        await using var server = AccountFixtures.NewServer();
        var client = server.Connect();

        Payloads.Error(await client.RequestAsync("login", "bob whatever1"), ErrorCodes.NotRegistered);
        await client.LoginAsync("bob");
    }

    [Theory]
    [InlineData("alice ")]
    [InlineData("alice")]
    public async Task A_trailing_space_is_still_an_invalid_name_not_an_empty_password(string content)
    {
        await using var server = AccountFixtures.NewServer();
        await (await AccountFixtures.RegisteredAsync(server, "alice", Password)).RequestAsync("logout");

        var reply = await server.Connect().RequestAsync("login", content);

        Payloads.Error(reply, content.EndsWith(' ') ? ErrorCodes.InvalidUsername : ErrorCodes.PasswordRequired);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("1234567")]
    public async Task Register_needs_a_password_of_at_least_8_characters(string? password)
    {
        await using var server = AccountFixtures.NewServer();
        var client = await server.LoginAsync("alice");

        Payloads.Error(await client.RequestAsync("register", password), ErrorCodes.InvalidArgument);

        Assert.Null(await server.Store.FindAccountAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Register_stores_only_a_self_describing_salted_hash()
    {
        await using var server = AccountFixtures.NewServer();
        await AccountFixtures.RegisteredAsync(server, "alice", "with spaces inside");

        var account = await server.Store.FindAccountAsync("alice", CancellationToken.None);
        Assert.NotNull(account);
        Assert.StartsWith($"pbkdf2-sha256${AccountFixtures.FastIterations}$", account.PasswordHash);
        Assert.DoesNotContain("spaces", account.PasswordHash);
        Assert.False(account.IsModerator);
    }

    [Fact]
    public async Task Register_is_refused_when_the_name_is_registered_already()
    {
        await using var server = AccountFixtures.NewServer();
        var alice = await AccountFixtures.RegisteredAsync(server, "alice", Password);
        Payloads.Error(await alice.RequestAsync("register", "another one"), ErrorCodes.AlreadyRegistered);

        // Claimed behind bob's back (another node, or a race): bob cannot register it any more.
        var bob = await server.LoginAsync("bob");
        await server.Store.CreateAccountAsync(new Account("BOB", "pbkdf2-sha256$1$AA==$AA==", false, DateTimeOffset.UtcNow), CancellationToken.None);
        Payloads.Error(await bob.RequestAsync("register", Password), ErrorCodes.AlreadyRegistered);
    }

    [Fact]
    public async Task Password_changes_the_password()
    {
        await using var server = AccountFixtures.NewServer();
        var alice = await AccountFixtures.RegisteredAsync(server, "alice", "old-secret");

        Assert.Equal("Password changed.", Payloads.Info(await alice.RequestAsync("password", "old-secret new secret with spaces")));
        await alice.RequestAsync("logout");

        var again = server.Connect();
        Payloads.Error(await again.RequestAsync("login", "alice old-secret"), ErrorCodes.BadPassword);
        await again.LoginAsync("alice new secret with spaces");
    }

    [Fact]
    public async Task Password_refuses_a_wrong_old_password_a_short_new_one_and_an_unregistered_name()
    {
        await using var server = AccountFixtures.NewServer();
        var alice = await AccountFixtures.RegisteredAsync(server, "alice", "old-secret");

        Payloads.Error(await alice.RequestAsync("password", "not-it new-secret"), ErrorCodes.BadPassword);
        Payloads.Error(await alice.RequestAsync("password", "old-secret short"), ErrorCodes.InvalidArgument);
        Payloads.Error(await alice.RequestAsync("password", "old-secret"), ErrorCodes.InvalidArgument);
        Payloads.Error(await alice.RequestAsync("password", null), ErrorCodes.InvalidArgument);
        Payloads.Error(await (await server.LoginAsync("bob")).RequestAsync("password", "old-secret new-secret"), ErrorCodes.NotRegistered);

        // Nothing changed.
        await alice.RequestAsync("logout");
        await server.Connect().LoginAsync("alice old-secret");
    }

    [Fact]
    public async Task After_the_limit_of_wrong_passwords_even_the_right_one_is_refused_for_that_name()
    {
        await using var server = AccountFixtures.NewServer(("LoginFailureLimit", "3"));
        await (await AccountFixtures.RegisteredAsync(server, "alice", Password)).RequestAsync("logout");
        var guesser = server.Connect();

        for (var i = 0; i < 3; i++)
        {
            Payloads.Error(await guesser.RequestAsync("login", $"alice guess{i}"), ErrorCodes.BadPassword);
        }

        Assert.Matches(@"^Too many failed logins; try again in \d+ s\.$",
            Payloads.Error(await server.Connect().RequestAsync("login", $"alice {Password}"), ErrorCodes.RateLimited));

        // Other names are not locked by failures on alice (the guesser had no address to lock).
        await guesser.LoginAsync("bob");
    }

    [Fact]
    public async Task Failures_from_one_address_lock_that_address_out_of_every_account()
    {
        await using var server = AccountFixtures.NewServer(("LoginFailureLimit", "3"));
        var attacker = System.Net.IPAddress.Parse("10.0.0.66");
        foreach (var name in new[] { "alice", "bob" })
        {
            await (await AccountFixtures.RegisteredAsync(server, name, Password)).RequestAsync("logout");
        }

        var client = server.Connect(attacker);
        Payloads.Error(await client.RequestAsync("login", "alice guess1"), ErrorCodes.BadPassword);
        Payloads.Error(await client.RequestAsync("login", "alice guess2"), ErrorCodes.BadPassword);
        Payloads.Error(await client.RequestAsync("login", "bob guess3"), ErrorCodes.BadPassword);

        Payloads.Error(await server.Connect(attacker).RequestAsync("login", $"bob {Password}"), ErrorCodes.RateLimited);

        // From elsewhere bob gets in: his name had only one failure.
        await server.Connect(System.Net.IPAddress.Parse("10.0.0.7")).LoginAsync($"bob {Password}");
    }

    [Fact]
    public async Task A_successful_login_resets_the_names_failure_count()
    {
        await using var server = AccountFixtures.NewServer(("LoginFailureLimit", "3"));
        await (await AccountFixtures.RegisteredAsync(server, "alice", Password)).RequestAsync("logout");

        for (var round = 0; round < 3; round++)
        {
            var client = server.Connect();
            Payloads.Error(await client.RequestAsync("login", "alice typo1"), ErrorCodes.BadPassword);
            Payloads.Error(await client.RequestAsync("login", "alice typo2"), ErrorCodes.BadPassword);
            await client.LoginAsync($"alice {Password}");
            await client.RequestAsync("logout");
        }
    }

    [Fact]
    public async Task Wrong_old_passwords_count_towards_the_throttle()
    {
        await using var server = AccountFixtures.NewServer(("LoginFailureLimit", "2"));
        var alice = await AccountFixtures.RegisteredAsync(server, "alice", "old-secret");

        Payloads.Error(await alice.RequestAsync("password", "guess-1 new-secret"), ErrorCodes.BadPassword);
        Payloads.Error(await alice.RequestAsync("password", "guess-2 new-secret"), ErrorCodes.BadPassword);

        Payloads.Error(await alice.RequestAsync("password", "old-secret new-secret"), ErrorCodes.RateLimited);
    }

    [Fact]
    public async Task No_log_line_holds_a_password_or_a_hash()
    {
        await using var server = AccountFixtures.NewServer(("LoginFailureLimit", "2"));
        var alice = await AccountFixtures.RegisteredAsync(server, "alice", "first-Secret-1");
        await alice.RequestAsync("password", "first-Secret-1 second-Secret-2");
        await alice.RequestAsync("password", "wrong-Secret-3 x");
        await alice.RequestAsync("logout");
        var client = server.Connect();
        await client.RequestAsync("login", "alice wrong-Secret-4");
        await client.RequestAsync("login", "alice wrong-Secret-5");
        await client.RequestAsync("login", "alice second-Secret-2");
        await client.RequestAsync("login", "nobody unregistered-Secret-6");
        await client.RequestAsync("login", "bad-name secret-Secret-7");

        Assert.NotEmpty(server.Logs.Entries);
        foreach (var entry in server.Logs.Entries)
        {
            Assert.DoesNotContain("Secret", entry.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("pbkdf2", entry.ToString(), StringComparison.Ordinal);
        }
    }
}

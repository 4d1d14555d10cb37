using Microsoft.Extensions.Options;
using Parley.Server.Accounts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Unit;

public class PasswordHasherTests
{
    [Fact]
    public void The_default_iteration_count_is_at_least_600000()
    {
        Assert.True(new ChatServerOptions().PasswordIterations >= 600_000);
        Assert.True(PasswordHasher.DefaultIterations >= 600_000);
        Assert.Equal(PasswordHasher.DefaultIterations, new ChatServerOptions().PasswordIterations);
    }

    [Fact]
    public async Task A_default_hash_records_its_iterations_and_verifies_only_the_right_password()
    {
        using var hasher = new PasswordHasher(Options.Create(new ChatServerOptions()));

        var hash = await hasher.HashAsync("s3cret password", CancellationToken.None);

        var parts = hash.Split('$');
        Assert.Equal(["pbkdf2-sha256", "600000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.True(await hasher.VerifyAsync("s3cret password", hash, CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("s3cret passwore", hash, CancellationToken.None));
        Assert.False(hasher.NeedsRehash(hash));
    }

    [Fact]
    public async Task Every_hash_has_its_own_salt()
    {
        using var hasher = Fast(1000);

        Assert.NotEqual(await hasher.HashAsync("same", CancellationToken.None), await hasher.HashAsync("same", CancellationToken.None));
    }

    [Fact]
    public async Task A_hash_made_with_fewer_iterations_still_verifies_and_asks_to_be_redone()
    {
        using var old = Fast(1000);
        using var current = Fast(2000);
        var hash = await old.HashAsync("password1", CancellationToken.None);

        Assert.True(await current.VerifyAsync("password1", hash, CancellationToken.None));
        Assert.True(current.NeedsRehash(hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$x$AA==$AA==")]
    [InlineData("pbkdf2-sha256$1000$not base64$AA==")]
    [InlineData("bcrypt$1000$AA==$AA==")]
    public async Task An_unreadable_stored_hash_matches_nothing(string stored)
    {
        using var hasher = Fast(1000);

        Assert.False(await hasher.VerifyAsync("anything", stored, CancellationToken.None));
    }

    [Fact]
    public async Task A_login_upgrades_a_weaker_stored_hash()
    {
        await using var server = AccountFixtures.NewServer(("PasswordIterations", "2000"));
        using var old = Fast(1000);
        await server.Store.CreateAccountAsync(
            new Storage.Account("alice", await old.HashAsync("password1", CancellationToken.None), false, DateTimeOffset.UtcNow), CancellationToken.None);

        await server.Connect().LoginAsync("alice password1");

        var account = await server.Store.FindAccountAsync("alice", CancellationToken.None);
        Assert.StartsWith("pbkdf2-sha256$2000$", account!.PasswordHash);
    }

    private static PasswordHasher Fast(int iterations) => new(Options.Create(new ChatServerOptions { PasswordIterations = iterations }));
}

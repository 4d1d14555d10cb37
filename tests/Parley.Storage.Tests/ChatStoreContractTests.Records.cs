namespace Parley.Storage.Tests;

public abstract partial class ChatStoreContractTests
{
    [Fact]
    public async Task Accounts_are_claimed_once_in_any_case_and_found_in_any_case()
    {
        var alice = new Account("Alice", "pbkdf2$hash1", IsModerator: false, T0);

        Assert.Null(await Store.FindAccountAsync("alice", None).Limited());
        Assert.True(await Store.CreateAccountAsync(alice, None).Limited());
        Assert.False(await Store.CreateAccountAsync(alice with { Name = "ALICE", PasswordHash = "other" }, None).Limited());

        Assert.Equal(alice, await Store.FindAccountAsync("alice", None).Limited());
    }

    [Fact]
    public async Task Password_hash_and_moderator_flag_change_only_for_existing_accounts()
    {
        await Store.CreateAccountAsync(new Account("bob", "h1", false, T0), None).Limited();

        Assert.True(await Store.SetPasswordHashAsync("BOB", "h2", None).Limited());
        Assert.True(await Store.SetModeratorAsync("Bob", true, None).Limited());
        Assert.Equal(new Account("bob", "h2", true, T0), await Store.FindAccountAsync("bob", None).Limited());

        Assert.True(await Store.SetModeratorAsync("bob", false, None).Limited());
        Assert.False((await Store.FindAccountAsync("bob", None).Limited())!.IsModerator);

        Assert.False(await Store.SetPasswordHashAsync("nobody", "h", None).Limited());
        Assert.False(await Store.SetModeratorAsync("nobody", true, None).Limited());
        Assert.Null(await Store.FindAccountAsync("nobody", None).Limited());
    }

    [Fact]
    public async Task A_ban_replaces_the_ban_on_the_same_name_and_bans_list_oldest_first()
    {
        var mallory = new Ban("mallory", "10.0.0.1", "spam", "mod", T0.AddMinutes(1));
        var eve = new Ban("eve", null, null, "mod", T0);
        var again = new Ban("MALLORY", "10.0.0.2", "spam again", "mod2", T0.AddMinutes(2));

        await Store.AddBanAsync(mallory, None).Limited();
        await Store.AddBanAsync(eve, None).Limited();
        Assert.Equal([eve, mallory], await Store.ListBansAsync(None).Limited());

        await Store.AddBanAsync(again, None).Limited();
        Assert.Equal([eve, again], await Store.ListBansAsync(None).Limited());
    }

    [Fact]
    public async Task RemoveBan_is_true_only_when_the_name_was_banned()
    {
        await Store.AddBanAsync(new Ban("mallory", null, null, "mod", T0), None).Limited();

        Assert.True(await Store.RemoveBanAsync("Mallory", None).Limited());
        Assert.False(await Store.RemoveBanAsync("mallory", None).Limited());
        Assert.Empty(await Store.ListBansAsync(None).Limited());
    }

    [Fact]
    public async Task ListAudit_returns_the_most_recent_entries_oldest_first()
    {
        var entries = Enumerable.Range(0, 5)
            .Select(i => new AuditEntry(T0.AddSeconds(i), "mod", i % 2 == 0 ? "kick" : "ban", i == 4 ? null : $"user{i}", i == 3 ? null : $"reason {i}"))
            .ToArray();
        foreach (var entry in entries)
        {
            await Store.AppendAuditAsync(entry, None).Limited();
        }

        Assert.Equal(entries[2..], await Store.ListAuditAsync(3, None).Limited());
        Assert.Equal(entries, await Store.ListAuditAsync(100, None).Limited());
        Assert.Empty(await Store.ListAuditAsync(0, None).Limited());
    }

    [Fact]
    public async Task Concurrent_appends_are_each_stored_once_in_each_callers_order()
    {
        const int Writers = 8;
        const int PerWriter = 50;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                var stored = await Store.AppendAsync([Msg($"room{w}", $"user{w}", $"{w}:{i}")], None);
                ids.Add(stored[0].Id);
            }

            return ids;
        }))).Limited();

        Assert.Equal(Writers * PerWriter, results.SelectMany(ids => ids).Distinct().Count());
        for (var w = 0; w < Writers; w++)
        {
            Assert.Equal(results[w].Order(), results[w]);
            var history = await Store.GetRecentAsync($"ROOM{w}", 1000, null, None).Limited();
            Assert.Equal(Enumerable.Range(0, PerWriter).Select(i => $"{w}:{i}"), history.Select(m => m.Text));
            Assert.Equal(results[w], history.Select(m => m.Id));
        }
    }
}

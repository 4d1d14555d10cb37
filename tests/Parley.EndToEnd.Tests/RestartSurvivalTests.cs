using System.Text.Json;
using Parley.Protocol;
using Parley.Storage.Sqlite;

namespace Parley.EndToEnd.Tests;

/// <summary>Every kind of state kept in the store survives stopping the server process and starting it again on the same file.</summary>
public class RestartSurvivalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parley-e2e-").FullName;

    private string Database => Path.Combine(_directory, "parley.db");

    private string[] Arguments => ["--db", Database, "--Parley:Moderators:0", "root", "--Parley:PasswordIterations", "1000"];

    [Fact]
    public async Task Rooms_accounts_roles_bans_and_deletions_survive_a_restart()
    {
        await using (var server = await ServerProcess.StartAsync(Arguments))
        {
            await using var root = await WireClient.ConnectAsync(server.Port);
            await root.LoginAsync("root");
            await root.RequestAsync("register", "rootpassword", ResponseKinds.Info);

            await using var alice = await WireClient.ConnectAsync(server.Port);
            await alice.LoginAsync("alice");
            await alice.RequestAsync("register", "alicepassword", ResponseKinds.Info);
            await alice.RequestAsync("join", "dev", ResponseKinds.History);
            await alice.RequestAsync("msg", "said in dev", ResponseKinds.Message);

            await root.RequestAsync("msg", "keep me", ResponseKinds.Message);
            var doomed = await root.RequestAsync("msg", "delete me", ResponseKinds.Message);
            await root.RequestAsync("delete", doomed.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), ResponseKinds.Info);
            await root.RequestAsync("op", "alice", ResponseKinds.Info);

            await using var mallory = await WireClient.ConnectAsync(server.Port, from: "127.0.0.7");
            await mallory.LoginAsync("mallory");
            await root.RequestAsync("ban", "mallory spamming", ResponseKinds.Info);

            server.Process.Terminate();
            Assert.Equal(0, await server.Process.WaitForExitAsync());
        }

        await using var restarted = await ServerProcess.StartAsync(Arguments);

        // Messages and deletions: the lobby history has what was said, minus what was removed.
        await using var reader = await WireClient.ConnectAsync(restarted.Port);
        await reader.SendAsync("login", "reader");
        await reader.ReadUntilAsync(ResponseKinds.Info);
        var lobby = Texts(await reader.ReadUntilAsync(ResponseKinds.History));
        Assert.Contains("keep me", lobby);
        Assert.DoesNotContain("delete me", lobby);

        // Rooms and their history.
        Assert.Contains("dev", WireClient.Text(await reader.RequestAsync("rooms", null, ResponseKinds.Info)));
        Assert.Equal(["said in dev"], Texts(await reader.RequestAsync("join", "dev", ResponseKinds.History)));

        // Accounts: the name needs its password.
        await using var alice2 = await WireClient.ConnectAsync(restarted.Port);
        Assert.Equal(ErrorCodes.PasswordRequired, Code(await alice2.RequestAsync("login", "alice", ResponseKinds.Error)));
        Assert.Equal(ErrorCodes.BadPassword, Code(await alice2.RequestAsync("login", "alice wrongpassword", ResponseKinds.Error)));
        await alice2.SendAsync("login", "alice alicepassword");
        Assert.Equal("Login successful", WireClient.Text(await alice2.ReadUntilAsync(ResponseKinds.Info)));
        await alice2.ReadUntilAsync(ResponseKinds.History);

        // Roles: alice was made a moderator, so she may list the bans; and the ban is there.
        Assert.Contains("mallory", WireClient.Text(await alice2.RequestAsync("bans", null, ResponseKinds.Info)));

        // Bans: by name, and by the address the name came from.
        await using var mallory2 = await WireClient.ConnectAsync(restarted.Port);
        Assert.Equal(ErrorCodes.Banned, Code(await mallory2.RequestAsync("login", "mallory", ResponseKinds.Error)));
        await using var sameAddress = await WireClient.ConnectAsync(restarted.Port, from: "127.0.0.7");
        Assert.Equal(ErrorCodes.Banned, Code(await sameAddress.RequestAsync("login", "innocent", ResponseKinds.Error)));

        // The audit log: read from the same file (WAL lets a second reader in while the server runs).
        await using var store = new SqliteChatStore(Database);
        await store.InitializeAsync(CancellationToken.None);
        var audit = await store.ListAuditAsync(100, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "delete" && e.Actor == "root");
        Assert.Contains(audit, e => e.Action == "op" && e.Target == "alice");
        Assert.Contains(audit, e => e.Action == "ban" && e.Target == "mallory");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A server process may still hold the file for a moment; the OS cleans /tmp.
        }
    }

    private static string? Code(JsonElement error) => error.GetProperty("code").GetString();

    private static List<string> Texts(JsonElement history)
        => [.. history.GetProperty("content").EnumerateArray()
            .Select(i => JsonDocument.Parse(i.GetString()!).RootElement.GetProperty("content").GetString()!)];
}

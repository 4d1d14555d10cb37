using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Parley.Protocol;
using Parley.Server.Health;
using Parley.Server.Tests.Infrastructure;
using Parley.Tests.Shared;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// The fault of a full disk, for real: the server's SQLite file (with its WAL and shared-memory files) lives on
/// a 3 MiB tmpfs that a filler file fills to the last byte mid-run, then frees. Skipped, with the reason, where
/// no tmpfs can be mounted (not root, no CAP_SYS_ADMIN).
/// </summary>
[Collection("EndToEnd")]
public class DiskFullTests
{
    private const string DiskFull = "the database disk is full";

    [TmpfsFact]
    public async Task A_full_disk_refuses_what_cannot_be_stored_reports_not_ready_and_recovers_once_space_is_freed()
    {
        // Declared first, so unmounted last: after the server has closed the database, even when the test fails.
        using var disk = Tmpfs.Mount(sizeKiB: 3072);
        await using var server = await SocketServer.StartAsync(
            "--db", disk.File("parley.db"),
            "--Parley:PasswordIterations", AccountFixtures.FastIterations,
            "--Parley:Moderators:0", AccountFixtures.Moderator,
            "--Logging:LogLevel:Parley.Server.Health", "Information");
        server.Logs.IsExpectedError = IsOutageError;
        await using var alice = await server.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");
        await using var moderator = await server.LoginAsync(AccountFixtures.Moderator);
        Payloads.Info(await moderator.RequestAsync("register", AccountFixtures.ModeratorPassword));
        await moderator.JoinAsync("mods"); // out of the lobby, so only answers come to it
        Assert.Equal("mod left #lobby", Payloads.Info(await alice.ReadPayloadAsync()));
        Assert.Equal("mod left #lobby", Payloads.Info(await bob.ReadPayloadAsync()));

        await SayAsync(alice, "before 1", bob);
        await SayAsync(bob, "before 2", alice);
        Assert.Equal(HealthStatus.Healthy, (await StoreCheckAsync(server)).Status);

        disk.Fill();

        // Every write is refused with store_unavailable; the connections stay.
        Assert.Contains($"({DiskFull}); your message was not delivered", Refused(await alice.RequestAsync("msg", "lost 1")));
        var check = await StoreCheckAsync(server); // not ready by the time the sender heard of it
        Assert.Equal(HealthStatus.Unhealthy, check.Status);
        Assert.Contains(DiskFull, check.Description, StringComparison.Ordinal);
        Refused(await bob.RequestAsync("msg", "lost 2"));
        Assert.Contains("your message was not delivered", Refused(await alice.RequestAsync("dm", "bob lost 3")));
        Assert.Contains($"({DiskFull}); your 'register' was not carried out", Refused(await bob.RequestAsync("register", "bob-password")));
        Refused(await bob.RequestAsync("join", "newroom"));
        Refused(await moderator.RequestAsync("ban", "carol spam"));

        // Reads go on: the refused room was not created, and bob is still in the lobby.
        Assert.Equal("Rooms: lobby (2), mods (1)", Payloads.Info(await alice.RequestAsync("rooms")));
        Assert.Equal("Users in #lobby (2): alice, bob", Payloads.Info(await bob.RequestAsync("names")));

        disk.Free();

        // The next message is both users' next payload: none of the refused ones was delivered before it.
        await SayAsync(alice, "after 1", bob);
        Assert.Equal(HealthStatus.Healthy, (await StoreCheckAsync(server)).Status);
        Assert.StartsWith("The name bob is now registered to you", Payloads.Info(await bob.RequestAsync("register", "bob-password")));
        Assert.Equal("No bans.", Payloads.Info(await moderator.RequestAsync("bans")));

        // History, without a restart: every acknowledged message once, in order, and no refused one.
        string[] acknowledged = ["before 1", "before 2", "after 1"];
        var history = Payloads.HistoryItems(await alice.RequestAsync("history"));
        Assert.Equal(acknowledged, history.Select(Payloads.Text));
        Assert.Equal(acknowledged, StoredTexts(disk.File("parley.db"))); // the direct message was refused too

        // The cause was logged once, as an error, for the whole outage; the recovery once.
        var health = server.Logs.Entries.Where(e => e.Category == typeof(StoreHealth).FullName).ToArray();
        Assert.Collection(
            health,
            failing => Assert.True(failing.Level == LogLevel.Error && failing.Message.Contains(DiskFull, StringComparison.Ordinal), failing.ToString()),
            recovered => Assert.True(recovered.Level == LogLevel.Information && recovered.Message.Contains("succeed again", StringComparison.Ordinal), recovered.ToString()));
    }

    [TmpfsFact]
    public async Task Healthz_answers_503_with_the_cause_while_the_disk_is_full_and_200_once_it_recovers_logging_one_error_in_all()
    {
        using var disk = Tmpfs.Mount(sizeKiB: 3072);
        await using var server = await SocketServer.StartAsync([.. SocketServer.AnyHttpPort, "--db", disk.File("parley.db")]);
        server.Logs.IsExpectedError = entry => entry.Category == typeof(StoreHealth).FullName && entry.EventId.Id == 50;
        using var http = server.CreateHttpClient();
        await using var alice = await server.LoginAsync("alice");
        var (status, _) = await HealthzAsync(http);
        Assert.Equal(HttpStatusCode.OK, status);

        disk.Fill();
        Refused(await alice.RequestAsync("msg", "lost"));

        // A load balancer polls: every poll says why, and none logs an error of its own.
        for (var poll = 0; poll < 3; poll++)
        {
            var (failing, body) = await HealthzAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failing);
            Assert.StartsWith("Unhealthy\n", body, StringComparison.Ordinal);
            Assert.Contains("store: Unhealthy: Store writes are failing since ", body, StringComparison.Ordinal);
            Assert.Contains(DiskFull, body, StringComparison.Ordinal);
            Assert.Contains("listeners: Healthy", body, StringComparison.Ordinal);
        }

        disk.Free();
        Payloads.Message(await alice.RequestAsync("msg", "kept"), "alice", "kept");
        (status, _) = await HealthzAsync(http);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(server.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthzAsync(HttpClient http)
    {
        using var response = await http.GetAsync("healthz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a message and checks it is the next payload of the sender and of <paramref name="listener"/>.</summary>
    private static async Task SayAsync(TestClient speaker, string text, TestClient listener)
    {
        var echo = await speaker.RequestAsync("msg", text);
        Payloads.Message(echo, Payloads.Sender(echo), text);
        Assert.Equal(Payloads.Id(echo), Payloads.Id(await listener.ReadPayloadAsync()));
    }

    private static string Refused(JsonElement payload) => Payloads.Error(payload, ErrorCodes.StoreUnavailable);

    private static async Task<HealthReportEntry> StoreCheckAsync(SocketServer server)
        => (await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TestTimeouts.Payload)).Entries["store"];

    /// <summary>
    /// The one error a full disk should cause: StoreHealth's. (ASP.NET Core's health-check service would log
    /// every Unhealthy check as an error too; the host keeps that category quiet, HttpEndpoints.)
    /// </summary>
    private static bool IsOutageError(LogEntry entry) => entry.Category == typeof(StoreHealth).FullName && entry.EventId.Id == 50;

    /// <summary>The text of every stored message, room or direct, in id order: read from the file itself.</summary>
    private static List<string> StoredTexts(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM messages ORDER BY id;";
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}

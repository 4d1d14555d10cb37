using System.Collections.Concurrent;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.EndToEnd.Tests;

/// <summary>The SQLite store under a real server process: what was delivered survives restarts and kill -9.</summary>
public class DurabilityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parley-e2e-").FullName;

    private string Database => Path.Combine(_directory, "parley.db");

    [Fact]
    public async Task Messages_survive_a_graceful_restart()
    {
        await using (var server = await ServerProcess.StartAsync("--db", Database))
        {
            await using var alice = await WireClient.ConnectAsync(server.Port);
            await alice.LoginAsync("alice");
            foreach (var text in new[] { "one", "two", "three" })
            {
                await alice.SendAsync("msg", text);
                await alice.ReadUntilAsync(ResponseKinds.Message);
            }

            server.Process.Terminate();
            Assert.Equal(0, await server.Process.WaitForExitAsync());
        }

        await using var restarted = await ServerProcess.StartAsync("--db", Database);
        await using var bob = await WireClient.ConnectAsync(restarted.Port);
        await bob.SendAsync("login", "bob");
        await bob.ReadUntilAsync(ResponseKinds.Info);
        var history = await bob.ReadUntilAsync(ResponseKinds.History);
        Assert.Equal(["one", "two", "three"], HistoryTexts(history));
    }

    [Fact]
    public async Task After_kill_9_during_heavy_traffic_in_two_rooms_every_delivered_message_is_in_its_history_in_order_once()
    {
        const int Senders = 16;
        const int Deliveries = 3000;
        var received = new ConcurrentDictionary<long, string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await ServerProcess.StartAsync("--db", Database);
        var clients = new List<WireClient>();
        try
        {
            for (var i = 0; i < Senders; i++)
            {
                var client = await WireClient.ConnectAsync(server.Port);
                await client.LoginAsync($"sender{i}");
                if (i % 2 == 1)
                {
                    await client.RequestAsync("join", "dev", ResponseKinds.History);
                }

                clients.Add(client);
            }

            // Every client sends without waiting and records everything it receives until the server dies.
            var traffic = clients.Select((client, i) => Task.Run(async () =>
            {
                var reading = Task.Run(async () =>
                {
                    try
                    {
                        while (await client.ReadAsync() is { } payload)
                        {
                            if (payload.GetProperty("response").GetString() == ResponseKinds.Message)
                            {
                                received.TryAdd(payload.GetProperty("id").GetInt64(), WireClient.Text(payload));
                                if (received.Count >= Deliveries)
                                {
                                    enough.TrySetResult();
                                }
                            }
                        }
                    }
                    catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
                    {
                        // The server was killed: the connection resets.
                    }
                });
                try
                {
                    for (var n = 0; ; n++)
                    {
                        await client.SendAsync("msg", $"{i}:{n}");

                        // The server reads as fast as we write, so the send completes synchronously: without a
                        // yield, 16 senders would hold the thread pool's few threads and the readers never run.
                        await Task.Yield();
                    }
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
                {
                    // The server was killed (TcpClient.GetStream throws InvalidOperationException once the socket knows it is gone).
                }

                await reading;
            })).ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await server.DisposeAsync(); // SIGKILL: no shutdown, no flush
            await Task.WhenAll(traffic).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        await using var restarted = await ServerProcess.StartAsync("--db", Database, "--Parley:HistoryPageMaxMessages", "1000000");
        await using var reader = await WireClient.ConnectAsync(restarted.Port);
        await reader.LoginAsync("reader");
        var items = new List<JsonElement>();
        foreach (var room in new[] { "lobby", "dev" })
        {
            if (room != "lobby")
            {
                await reader.RequestAsync("join", room, ResponseKinds.History);
            }

            var page = HistoryItems(await reader.RequestAsync("history", "1000000", ResponseKinds.History));
            Assert.All(page, item => Assert.Equal(room, item.GetProperty("room").GetString()));
            var roomIds = page.Select(i => i.GetProperty("id").GetInt64()).ToList();
            Assert.Equal(roomIds.Order(), roomIds);
            items.AddRange(page);
        }

        var ids = items.Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(items, i => i.GetProperty("room").GetString() == "dev");
        var stored = items.ToDictionary(i => i.GetProperty("id").GetInt64(), i => i.GetProperty("content").GetString()!);
        foreach (var (id, text) in received)
        {
            Assert.True(stored.TryGetValue(id, out var storedText), $"Delivered message {id} ({text}) is missing after the restart.");
            Assert.Equal(text, storedText);
        }

        Assert.Equal(stored.Count, stored.Values.Distinct().Count());
        foreach (var sender in stored.Values.GroupBy(t => t.Split(':')[0]))
        {
            var numbers = sender.Select(t => int.Parse(t.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, numbers.Count), numbers);
        }
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

    private static List<JsonElement> HistoryItems(JsonElement history)
        => [.. history.GetProperty("content").EnumerateArray().Select(i => JsonDocument.Parse(i.GetString()!).RootElement)];

    private static List<string> HistoryTexts(JsonElement history)
        => [.. HistoryItems(history).Select(i => i.GetProperty("content").GetString()!)];
}

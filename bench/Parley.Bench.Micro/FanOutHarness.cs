using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Chat;
using Parley.Server.Commands;
using Parley.Server.Hosting;
using Parley.Server.Networking;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Bench.Micro;

/// <summary>
/// A chat core without Kestrel and <c>members</c> logged-in sessions in its lobby, each over a pipe pair whose
/// client side is drained by a task that counts the bytes (a client that keeps up).
/// </summary>
internal sealed class FanOutHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly PipeOptions _pipeOptions;
    private readonly List<Pipe> _toServer = [];
    private readonly List<Pipe> _toClient = [];
    private readonly List<Task> _sessions = [];
    private readonly List<Task> _drainers = [];
    private long _delivered;
    private long _expected;

    private FanOutHarness(ServiceProvider services, MemoryPool<byte> pool)
    {
        _pipeOptions = new PipeOptions(pool);
        _services = services;
        Chat = services.GetRequiredService<ChatServer>();
    }

    private ChatServer Chat { get; }

    /// <param name="members">Sessions in the lobby.</param>
    /// <param name="pool">The pipes' memory: <see cref="BlockPool"/> for a server behind Kestrel, or the default pool.</param>
    public static async Task<FanOutHarness> StartAsync(int members, MemoryPool<byte> pool)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddParleyChat(new ConfigurationBuilder().Build());
        services.AddSingleton<IChatStore>(new InMemoryChatStore());
        var harness = new FanOutHarness(services.BuildServiceProvider(), pool);
        await harness.Chat.InitializeAsync(CancellationToken.None);
        var dispatcher = harness._services.GetRequiredService<RequestDispatcher>();
        for (var i = 0; i < members; i++)
        {
            var toServer = new Pipe(harness._pipeOptions);
            var toClient = new Pipe(harness._pipeOptions);
            var context = new DefaultConnectionContext($"bench-{i}", new DuplexPipe(toServer.Reader, toClient.Writer), new DuplexPipe(toClient.Reader, toServer.Writer));
            var session = new ChatSession(new PipeTransport(context), harness.Chat, dispatcher, NullLogger.Instance);
            session.SetUsername($"user{i}");
            harness._toServer.Add(toServer);
            harness._toClient.Add(toClient);
            harness._sessions.Add(session.RunAsync(CancellationToken.None));
            harness._drainers.Add(harness.DrainAsync(toClient.Reader));
            await harness.Chat.Lobby.JoinAsync(session, 0, _ => { }, CancellationToken.None);
        }

        return harness;
    }

    /// <summary>Sends <paramref name="line"/> to every member and returns once every client pipe has it.</summary>
    public void Deliver(ReadOnlyMemory<byte> line)
    {
        var target = _expected += (long)line.Length * _toClient.Count;
        Chat.Lobby.Broadcast(line);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _delivered) < target)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pipe in _toServer)
        {
            await pipe.Writer.CompleteAsync();
        }

        await Task.WhenAll(_sessions).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var pipe in _toClient)
        {
            await pipe.Writer.CompleteAsync();
        }

        await Task.WhenAll(_drainers).WaitAsync(TimeSpan.FromSeconds(30));
        await _services.DisposeAsync();
    }

    private async Task DrainAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            Interlocked.Add(ref _delivered, result.Buffer.Length);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}

using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Server.Chat;
using Parley.Server.Hosting;
using Parley.Server.Networking;
using Parley.Storage;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The chat core in a DI container, without Kestrel: clients connect over pipe pairs. Disposing it closes every
/// client and fails the test if the server logged an error the test did not expect.
/// </summary>
public sealed class InMemoryServer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<InMemoryClient> _clients = [];
    private int _nextId;

    /// <summary>
    /// A server whose <paramref name="settings"/> set options of <see cref="ChatServerOptions"/> by key, e.g.
    /// <c>("MaxMessageLength", "10")</c>. The flood, connection and queued-bytes limits start at
    /// <see cref="GenerousLimits"/> so tests that chat fast or open many clients pass; a setting overrides them.
    /// </summary>
    public InMemoryServer(params (string Key, string Value)[] settings)
    {
        var values = GenerousLimits.ToDictionary(s => s.Key, s => s.Value);
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(s => new KeyValuePair<string, string?>($"{ChatServerOptions.SectionName}:{s.Key}", s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddParleyChat(configuration);
        services.AddSingleton<IChatStore>(Store);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // The in-memory store completes synchronously, so this does not block.
        Chat.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Limits far above what any test reaches, except the tests of those limits (which override them).</summary>
    public static IReadOnlyList<(string Key, string Value)> GenerousLimits { get; } =
    [
        ("MessageBurst", "1000000"),
        ("RequestBurst", "1000000"),
        ("MaxConnectionsPerAddress", "100000"),
        ("MaxConnections", "100000"),
        ("OutboundQueueMaxBytes", "1073741824"),
    ];

    /// <summary>The store behind the server: in memory, shared with the test for inspection.</summary>
    public InMemoryChatStore Store { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public ChatServer Chat => _services.GetRequiredService<ChatServer>();

    /// <summary>A new client; <paramref name="remoteAddress"/> is the IP it seems to come from (none by default).</summary>
    public InMemoryClient Connect(IPAddress? remoteAddress = null)
    {
        var handler = _services.GetRequiredService<ChatConnectionHandler>();
        var client = InMemoryClient.Connect(handler, $"test-{Interlocked.Increment(ref _nextId)}", remoteAddress);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>A new client, logged in as <paramref name="name"/> with the info and history consumed.</summary>
    public async Task<InMemoryClient> LoginAsync(string name)
    {
        var client = Connect();
        await client.LoginAsync(name);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        InMemoryClient[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await _services.DisposeAsync();
        Logs.AssertNoUnexpectedErrors();
    }
}

using Parley.Server.Chat;

namespace Parley.Server.Hosting;

/// <summary>Opens the store before the listener serves anyone, and lets the rooms finish storing at shutdown.</summary>
internal sealed class ChatLifetimeService(ChatServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.DrainAsync().WaitAsync(cancellationToken);
}

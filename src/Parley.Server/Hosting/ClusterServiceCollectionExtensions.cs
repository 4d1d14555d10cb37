using Microsoft.Extensions.Options;
using Parley.Cluster;
using Parley.Cluster.Redis;
using Parley.Server.Health;

namespace Parley.Server.Hosting;

internal static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// The backplane to the other nodes, when <see cref="ChatServerOptions.Backplane"/> asks for one; without it
    /// <see cref="Chat.ChatServer"/> gets none and serves alone. Throws <see cref="OptionsValidationException"/>
    /// for a backplane it does not know.
    /// </summary>
    public static IServiceCollection AddParleyCluster(this IServiceCollection services, ChatServerOptions options)
    {
        switch (options.Backplane.ToLowerInvariant())
        {
            case "none" or "":
                return services;
            case "redis":
                if (options.LeaseSeconds < 1)
                {
                    throw Invalid($"--lease-seconds must be at least 1 (it is {options.LeaseSeconds}).");
                }

                var backplane = new RedisBackplaneOptions
                {
                    Configuration = options.Redis,
                    Prefix = options.RedisPrefix,
                    NodeId = options.NodeId is { Length: > 0 } id ? id : DefaultNodeId(options),
                    Lease = TimeSpan.FromSeconds(options.LeaseSeconds),
                };
                services.AddSingleton<IChatBackplane>(sp => new RedisBackplane(backplane, sp.GetRequiredService<ILogger<RedisBackplane>>()));
                services.AddHealthChecks().AddCheck<ClusterHealthCheck>(ClusterHealthCheck.Name, tags: [Readiness.Tag]);
                return services;
            default:
                throw Invalid($"Unknown backplane '{options.Backplane}': use none or redis.");
        }
    }

    // Host and port: the same node restarted gets the same id. Port 0 (any free port) has no such identity.
    private static string DefaultNodeId(ChatServerOptions options)
        => options.Port == 0 ? $"{Environment.MachineName}-{Guid.NewGuid():N}" : $"{Environment.MachineName}:{options.Port}";

    private static OptionsValidationException Invalid(string message)
        => new(ChatServerOptions.SectionName, typeof(ChatServerOptions), [message]);
}

using Parley.Server.Chat;
using Parley.Server.Commands;
using Parley.Server.Health;
using Parley.Server.Networking;

namespace Parley.Server.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The chat core: options, shared state, the request handlers and the connection handler. The caller
    /// registers the <see cref="Parley.Storage.IChatStore"/> and passes it <see cref="StoreHealth"/> as its
    /// write observer, if it has one. Handlers are listed in the order <c>help</c> shows them.
    /// </summary>
    public static IServiceCollection AddParleyChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ChatServerOptions>(configuration.GetSection(ChatServerOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServerCounters>();
        services.AddSingleton<ChatServer>();
        services.AddSingleton<StoreHealth>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, tags: [Readiness.Tag]);

        services.AddSingleton<IRequestHandler, LoginHandler>();
        services.AddSingleton<IRequestHandler, LogoutHandler>();
        services.AddSingleton<IRequestHandler, MsgHandler>();
        services.AddSingleton<IRequestHandler, NamesHandler>();
        services.AddSingleton<IRequestHandler, HelpHandler>();
        services.AddSingleton<IRequestHandler, HistoryHandler>();
        services.AddSingleton<IRequestHandler, JoinHandler>();
        services.AddSingleton<IRequestHandler, LeaveHandler>();
        services.AddSingleton<IRequestHandler, RoomsHandler>();
        services.AddSingleton<IRequestHandler, DmHandler>();
        services.AddParleyAccounts();
        services.AddSingleton<RequestDispatcher>();

        services.AddSingleton<ConnectionLimiter>();
        services.AddSingleton<ChatConnectionHandler>();
        return services;
    }
}

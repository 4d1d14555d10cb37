using Parley.Server.Accounts;
using Parley.Server.Commands;

namespace Parley.Server.Hosting;

public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// Accounts and moderation: the password hasher, the login throttle and their requests. The user's own
    /// requests first, then the moderators' (the order <c>help</c> lists them).
    /// </summary>
    public static IServiceCollection AddParleyAccounts(this IServiceCollection services)
    {
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AccountService>();

        services.AddSingleton<IRequestHandler, RegisterHandler>();
        services.AddSingleton<IRequestHandler, PasswordHandler>();
        services.AddSingleton<IRequestHandler, OpHandler>();
        services.AddSingleton<IRequestHandler, DeopHandler>();
        services.AddSingleton<IRequestHandler, KickHandler>();
        services.AddSingleton<IRequestHandler, BanHandler>();
        services.AddSingleton<IRequestHandler, UnbanHandler>();
        services.AddSingleton<IRequestHandler, BansHandler>();
        services.AddSingleton<IRequestHandler, DeleteHandler>();
        return services;
    }
}

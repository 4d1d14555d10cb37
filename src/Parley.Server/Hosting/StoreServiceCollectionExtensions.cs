using Microsoft.Extensions.Options;
using Parley.Server.Health;
using Parley.Storage;
using Parley.Storage.Postgres;
using Parley.Storage.Sqlite;

namespace Parley.Server.Hosting;

/// <summary>The store the settings name (<see cref="ChatServerOptions.Store"/>), with <see cref="StoreHealth"/> as its write observer.</summary>
public static class StoreServiceCollectionExtensions
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>
    /// Registers the <see cref="IChatStore"/>. Throws <see cref="OptionsValidationException"/> for a store that
    /// does not exist or lacks what it needs, so that the server stops before it starts, with a message.
    /// </summary>
    public static IServiceCollection AddParleyStore(this IServiceCollection services, ChatServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Store, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            if (!Enum.TryParse<SqliteSynchronous>(options.DatabaseSynchronous, ignoreCase: true, out var synchronous) || !Enum.IsDefined(synchronous))
            {
                throw Invalid($"DatabaseSynchronous {options.DatabaseSynchronous} is not a setting: give Normal or Full.");
            }

            var sqlite = new SqliteStoreOptions { Path = Path.GetFullPath(options.Database), Synchronous = synchronous };
            return services.AddSingleton<IChatStore>(s => new SqliteChatStore(sqlite, s.GetRequiredService<StoreHealth>()));
        }

        if (string.Equals(options.Store, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            var postgres = new PostgresStoreOptions { ConnectionString = options.Postgres };
            if (string.IsNullOrWhiteSpace(options.Postgres))
            {
                throw Invalid("--store postgres needs a connection string: --postgres \"Host=...;Username=...;Database=...\", " +
                    "or the environment variable PARLEY__POSTGRES (which keeps a password out of ps).");
            }

            try
            {
                postgres.Validate();
            }
            catch (ArgumentException ex)
            {
                // Npgsql's message names the keyword or value it could not read, not the rest of the string (a password).
                throw Invalid($"--postgres is not a connection string Npgsql can read: {ex.Message}");
            }

            return services.AddSingleton<IChatStore>(s => new PostgresChatStore(postgres, s.GetRequiredService<StoreHealth>()));
        }

        throw Invalid($"--store {options.Store} is not a store: give {Sqlite} (a file, the default) or {Postgres}.");
    }

    private static OptionsValidationException Invalid(string message)
        => new(ChatServerOptions.SectionName, typeof(ChatServerOptions), [message]);
}

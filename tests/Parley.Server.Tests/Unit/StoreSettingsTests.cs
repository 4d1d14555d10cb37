using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;
using Parley.Storage;
using Parley.Storage.Postgres;
using Parley.Storage.Sqlite;

namespace Parley.Server.Tests.Unit;

/// <summary>--store and --postgres: the store they name, or a clear refusal before anything starts.</summary>
public class StoreSettingsTests
{
    [Theory]
    [InlineData(new[] { "--store", "mongo" }, "--store mongo is not a store: give sqlite (a file, the default) or postgres.")]
    [InlineData(new[] { "--store", "postgres" }, "--store postgres needs a connection string: --postgres \"Host=...;Username=...;Database=...\", or the environment variable PARLEY__POSTGRES (which keeps a password out of ps).")]
    [InlineData(new[] { "--store", "postgres", "--postgres", "Hots=db;Password=secret" }, "--postgres is not a connection string Npgsql can read: Couldn't set hots (Parameter 'hots')")]
    [InlineData(new[] { "--Parley:DatabaseSynchronous", "Sometimes" }, "DatabaseSynchronous Sometimes is not a setting: give Normal or Full.")]
    public void Settings_that_name_no_usable_store_stop_the_server_before_it_starts_with_a_clear_message(string[] flags, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ParleyHost.Build(["--port", "0", "--http-port", "0", .. flags]));

        Assert.Equal(message, error.Message);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], typeof(SqliteChatStore))]
    [InlineData(new[] { "--store", "SQLite" }, typeof(SqliteChatStore))]
    [InlineData(new[] { "--store", "postgres", "--postgres", "Host=db.invalid;Username=parley;Database=parley" }, typeof(PostgresChatStore))]
    public async Task The_store_flag_picks_the_store_and_nothing_connects_before_the_server_starts(string[] flags, Type store)
    {
        var directory = Directory.CreateTempSubdirectory("parley-store-settings-");
        try
        {
            await using var app = ParleyHost.Build(["--port", "0", "--http-port", "0", "--db", Path.Combine(directory.FullName, "x.db"), .. flags]);

            Assert.IsType(store, app.Services.GetRequiredService<IChatStore>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

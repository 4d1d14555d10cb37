using Microsoft.Data.Sqlite;

namespace Parley.Storage.Tests;

/// <summary>Raw access to a store's file, behind the store's back: to build old files and inspect new ones.</summary>
internal static class SqliteFile
{
    public static SqliteConnection Open(string path)
    {
        // No pooling: the file is really closed when the test closes the connection.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

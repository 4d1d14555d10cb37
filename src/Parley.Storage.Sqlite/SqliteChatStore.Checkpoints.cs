using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    /// <summary>
    /// Copies committed pages from the WAL into the database file from a connection of its own, every
    /// <see cref="SqliteStoreOptions.CheckpointInterval"/> when something was committed meanwhile. A passive
    /// checkpoint takes no lock the writer needs, so the writer keeps committing (and its callers keep being
    /// answered) while the checkpoint copies and syncs; SQLite starts the WAL over once a checkpoint has
    /// caught up. Automatic checkpoints are off on the writer (<c>wal_autocheckpoint = 0</c>).
    /// </summary>
    private async Task RunCheckpointerAsync()
    {
        var lastCommitted = -1L;
        var token = _stopCheckpoints.Token;
        try
        {
            using var connection = new SqliteConnection(_writeConnectionString);
            while (true)
            {
                await Task.Delay(_options.CheckpointInterval, token);
                var committed = TransactionsCommitted;
                if (committed == lastCommitted)
                {
                    continue;
                }

                try
                {
                    if (connection.State != System.Data.ConnectionState.Open)
                    {
                        connection.Open();
                    }

                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    command.ExecuteNonQuery();
                    Interlocked.Increment(ref _checkpoints);
                    lastCommitted = committed;
                }
                catch (SqliteException)
                {
                    // A checkpoint that cannot run now (a full disk, the file busy) loses nothing: the pages
                    // stay in the WAL and the next round tries again. Writes report storage faults themselves.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The store is closing.
        }
    }
}

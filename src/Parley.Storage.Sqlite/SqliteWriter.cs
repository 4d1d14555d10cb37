using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The write connection and its prepared statements. Only the writer task touches it, so nothing here locks.
/// Transactions are plain SQL (BEGIN/COMMIT/SAVEPOINT) so the prepared commands need no transaction object.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly SqliteCommand _insertMessage;
    private readonly SqliteParameter _room;
    private readonly SqliteParameter _sender;
    private readonly SqliteParameter _recipient;
    private readonly SqliteParameter _text;
    private readonly SqliteParameter _timestamp;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertMessage = connection.CreateCommand();
        _insertMessage.CommandText =
            "INSERT INTO messages (room, sender, recipient, text, timestamp) VALUES ($room, $sender, $recipient, $text, $timestamp);";
        _room = _insertMessage.Parameters.Add("$room", SqliteType.Text);
        _sender = _insertMessage.Parameters.Add("$sender", SqliteType.Text);
        _recipient = _insertMessage.Parameters.Add("$recipient", SqliteType.Text);
        _text = _insertMessage.Parameters.Add("$text", SqliteType.Text);
        _timestamp = _insertMessage.Parameters.Add("$timestamp", SqliteType.Text);
        _insertMessage.Prepare();
    }

    /// <summary>True while a transaction is open (SQLite may roll one back by itself after some errors).</summary>
    public bool InTransaction => raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    /// <summary>Rows changed since the connection opened: a commit that changed none wrote nothing to the file.</summary>
    public long TotalChanges => raw.sqlite3_total_changes(_connection.Handle);

    /// <summary>Inserts with the one prepared statement; ids ascend in input order (AUTOINCREMENT).</summary>
    public IReadOnlyList<StoredMessage> Append(IReadOnlyList<NewMessage> messages)
    {
        var stored = new StoredMessage[messages.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            var m = messages[i];
            _room.Value = SqlText.OrNull(m.Room);
            _sender.Value = m.Sender;
            _recipient.Value = SqlText.OrNull(m.To);
            _text.Value = m.Text;
            _timestamp.Value = SqlText.FromTime(m.Timestamp);
            _insertMessage.ExecuteNonQuery();
            var id = raw.sqlite3_last_insert_rowid(_connection.Handle);
            stored[i] = new StoredMessage(id, m.Room, m.Sender, m.Text, m.Timestamp, m.To);
        }

        return stored;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
        => Prepare(sql, parameters).ExecuteNonQuery();

    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
        => Prepare(sql, parameters).ExecuteScalar();

    public void Dispose()
    {
        _insertMessage.Dispose();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Parley.Storage.Postgres;

/// <summary>
/// The writer's connection, taken from the pool and kept while it works; only the writer task touches it, so
/// nothing here locks. Statements use positional parameters (<c>$1</c>). Once the connection is found broken
/// (<see cref="IsOpen"/> false) the store throws this writer away and opens a new one: a dead connection is
/// never used again.
/// </summary>
internal sealed class PostgresWriter : IAsyncDisposable
{
    // The k-th smallest of the ids taken from the sequence goes to the k-th message, so ids ascend in the
    // order given whatever order PostgreSQL evaluates nextval and inserts rows in.
    private const string InsertMessages = """
        WITH ids AS (
            SELECT array_agg(id ORDER BY id) AS ids
            FROM (SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS id FROM generate_series(1, cardinality($1::text[]))) AS taken
        )
        INSERT INTO messages (id, room, sender, recipient, text, sent_ticks)
        SELECT ids.ids[m.ord], m.room, m.sender, m.recipient, m.text, m.sent_ticks
        FROM ids, unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY
            AS m (room, sender, recipient, text, sent_ticks, ord)
        RETURNING id;
        """;

    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private PostgresWriter(NpgsqlConnection connection) => _connection = connection;

    /// <summary>False once the connection broke (lost, closed by the server): the writer is done.</summary>
    public bool IsOpen => _connection.FullState == ConnectionState.Open;

    /// <summary>Rows changed since the writer opened: a commit that changed none wrote nothing.</summary>
    public long Changes { get; private set; }

    public bool InTransaction => _transaction is not null;

    public static async Task<PostgresWriter> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // A commit returns once it is durable, unless the database or role turned synchronous_commit off:
            // turned on again for this connection (stronger settings, such as remote_apply, are kept).
            await using var command = new NpgsqlCommand(
                "SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off';", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresWriter(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task BeginAsync()
    {
        // Npgsql sends BEGIN with the first statement: no round trip of its own.
        _transaction = await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
    }

    public async Task CommitAsync()
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No transaction.");
        _transaction = null;
        await using (transaction)
        {
            await transaction.CommitAsync();
        }
    }

    /// <summary>Rolls back what is open; quiet, as the connection may be in trouble (the next batch will tell).</summary>
    public async Task RollBackAsync()
    {
        var transaction = _transaction;
        _transaction = null;
        if (transaction is null)
        {
            return;
        }

        try
        {
            if (IsOpen)
            {
                await transaction.RollbackAsync();
            }

            await transaction.DisposeAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A broken connection: the server rolls back by itself, and the store opens a new one.
        }
    }

    public Task SaveAsync(string savepoint) => Transaction.SaveAsync(savepoint);

    public Task RollBackToAsync(string savepoint) => Transaction.RollbackAsync(savepoint);

    public Task ReleaseAsync(string savepoint) => Transaction.ReleaseAsync(savepoint);

    /// <summary>Inserts <paramref name="messages"/> with one statement; returns their ids, ascending in input order.</summary>
    public async Task<long[]> InsertMessagesAsync(IReadOnlyList<NewMessage> messages)
    {
        var rooms = new string?[messages.Count];
        var senders = new string[messages.Count];
        var recipients = new string?[messages.Count];
        var texts = new string[messages.Count];
        var ticks = new long[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            (rooms[i], senders[i], recipients[i], texts[i], ticks[i]) = (m.Room, m.Sender, m.To, m.Text, PgValues.FromTime(m.Timestamp));
        }

        await using var command = Command(InsertMessages, rooms, senders, recipients, texts, ticks);
        var ids = new long[messages.Count];
        var count = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids[count++] = reader.GetInt64(0);
            }
        }

        if (count != ids.Length)
        {
            throw new InvalidOperationException($"Inserted {count} messages of {ids.Length}.");
        }

        Changes += count;
        Array.Sort(ids); // see InsertMessages: sorted, they are in input order
        return ids;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params object?[] values)
    {
        await using var command = Command(sql, values);
        var changed = await command.ExecuteNonQueryAsync();
        Changes += Math.Max(changed, 0);
        return changed;
    }

    public async Task<object?> ScalarAsync(string sql, params object?[] values)
    {
        await using var command = Command(sql, values);
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync()
    {
        _transaction = null; // disposed with the connection
        return _connection.DisposeAsync();
    }

    private NpgsqlTransaction Transaction => _transaction ?? throw new InvalidOperationException("No transaction.");

    private NpgsqlCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, _connection, _transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    /// <summary>A positional parameter; null is text, as every nullable column here is.</summary>
    internal static NpgsqlParameter Parameter(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        string text => new NpgsqlParameter { Value = PgValues.Clean(text) },
        _ => new NpgsqlParameter { Value = value },
    };
}

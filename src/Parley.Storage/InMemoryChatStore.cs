namespace Parley.Storage;

/// <summary>Everything in memory, lost at restart: for tests only. Thread-safe behind one lock.</summary>
public sealed class InMemoryChatStore : IChatStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredMessage> _messages = [];
    private readonly HashSet<long> _deleted = [];
    private readonly Dictionary<string, string> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Ban> _bans = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<AuditEntry> _audit = [];
    private long _lastId;

    /// <summary>While set, every write fails with it and changes nothing, as a full disk would (for fault tests).</summary>
    public StoreUnavailableException? WriteFault { get; set; }

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<StoredMessage>> AppendAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
        => Write<IReadOnlyList<StoredMessage>>(() =>
        {
            var stored = new StoredMessage[messages.Count];
            for (var i = 0; i < stored.Length; i++)
            {
                var m = messages[i];
                stored[i] = new StoredMessage(++_lastId, m.Room, m.Sender, m.Text, m.Timestamp, m.To);
                _messages.Add(stored[i]);
            }

            return stored;
        });

    public ValueTask<IReadOnlyList<StoredMessage>> GetRecentAsync(string room, int count, long? beforeId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var page = new List<StoredMessage>();
            for (var i = _messages.Count - 1; i >= 0 && page.Count < count; i--)
            {
                var m = _messages[i];
                if (m.Id < (beforeId ?? long.MaxValue) && m.To is null && !_deleted.Contains(m.Id)
                    && string.Equals(m.Room, room, StringComparison.OrdinalIgnoreCase))
                {
                    page.Add(m);
                }
            }

            page.Reverse();
            return ValueTask.FromResult<IReadOnlyList<StoredMessage>>(page);
        }
    }

    public ValueTask<StoredMessage?> FindMessageAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _messages.BinarySearch(new StoredMessage(id, null, string.Empty, string.Empty, default), IdComparer.Instance);
            return ValueTask.FromResult(index >= 0 && !_deleted.Contains(id) ? _messages[index] : null);
        }
    }

    public ValueTask<bool> DeleteMessageAsync(long id, CancellationToken cancellationToken)
        => Write(() => _messages.BinarySearch(new StoredMessage(id, null, string.Empty, string.Empty, default), IdComparer.Instance) >= 0 && _deleted.Add(id));

    public ValueTask<string> EnsureRoomAsync(string name, DateTimeOffset createdAt, CancellationToken cancellationToken)
        => Write(() =>
        {
            if (!_rooms.TryGetValue(name, out var stored))
            {
                stored = name;
                _rooms.Add(name, stored);
            }

            return stored;
        });

    public ValueTask<IReadOnlyList<string>> ListRoomsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<string>>([.. _rooms.Values.Order(StringComparer.OrdinalIgnoreCase)]);
        }
    }

    public ValueTask<Account?> FindAccountAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_accounts.GetValueOrDefault(name));
        }
    }

    public ValueTask<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken)
        => Write(() => _accounts.TryAdd(account.Name, account));

    public ValueTask<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken)
        => Update(name, a => a with { PasswordHash = passwordHash });

    public ValueTask<bool> SetModeratorAsync(string name, bool isModerator, CancellationToken cancellationToken)
        => Update(name, a => a with { IsModerator = isModerator });

    public async ValueTask AddBanAsync(Ban ban, CancellationToken cancellationToken)
        => await Write(() => _bans[ban.Name] = ban);

    public ValueTask<bool> RemoveBanAsync(string name, CancellationToken cancellationToken)
        => Write(() => _bans.Remove(name));

    public ValueTask<IReadOnlyList<Ban>> ListBansAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<Ban>>([.. _bans.Values.OrderBy(b => b.At)]);
        }
    }

    public async ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
        => await Write(() =>
        {
            _audit.Add(entry);
            return entry;
        });

    public ValueTask<IReadOnlyList<AuditEntry>> ListAuditAsync(int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<AuditEntry>>(_audit.Skip(Math.Max(0, _audit.Count - count)).ToArray());
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private ValueTask<bool> Update(string name, Func<Account, Account> change)
        => Write(() =>
        {
            if (!_accounts.TryGetValue(name, out var account))
            {
                return false;
            }

            _accounts[name] = change(account);
            return true;
        });

    private ValueTask<T> Write<T>(Func<T> write)
    {
        if (WriteFault is { } fault)
        {
            return ValueTask.FromException<T>(fault);
        }

        lock (_gate)
        {
            return ValueTask.FromResult(write());
        }
    }

    private sealed class IdComparer : IComparer<StoredMessage>
    {
        public static readonly IdComparer Instance = new();

        public int Compare(StoredMessage? x, StoredMessage? y) => x!.Id.CompareTo(y!.Id);
    }
}

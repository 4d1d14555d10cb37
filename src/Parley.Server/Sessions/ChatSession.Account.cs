using Parley.Server.Networking;
using Parley.Storage;

namespace Parley.Server.Sessions;

public sealed partial class ChatSession
{
    private Account? _account;

    /// <summary>
    /// The account this session proved it owns (password at login, or <c>register</c>), or null for a name
    /// used without an account. Only an authenticated session can moderate.
    /// </summary>
    public Account? Account
    {
        get => Volatile.Read(ref _account);
        internal set => Volatile.Write(ref _account, value);
    }

    public bool IsAuthenticated => Account is not null;

    /// <summary>The client's IP address as text, or null when the transport has none (in-memory pipes).</summary>
    public string? RemoteAddress => RemoteAddresses.Of(_transport.RemoteEndPoint);
}

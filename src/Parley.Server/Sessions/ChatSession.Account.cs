using System.Net;
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

    /// <summary>
    /// The client's IP address as text (IPv4-mapped IPv6 shown as IPv4, so one client has one spelling in
    /// bans), or null when the transport has none (in-memory pipes).
    /// </summary>
    public string? RemoteAddress => _connection.RemoteEndPoint is IPEndPoint endPoint
        ? (endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address).ToString()
        : null;
}

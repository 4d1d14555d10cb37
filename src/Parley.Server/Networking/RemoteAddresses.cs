using System.Net;

namespace Parley.Server.Networking;

internal static class RemoteAddresses
{
    /// <summary>
    /// The client's IP address as text (IPv4-mapped IPv6 shown as IPv4, so one client has one spelling in
    /// bans and limits), or null when the transport has none (in-memory pipes).
    /// </summary>
    public static string? Of(EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString()
        : null;
}

using Parley.Storage;

namespace Parley.Server.Chat;

/// <summary>
/// What users are told (code <c>store_unavailable</c>) when the store could not keep what they sent: nothing
/// of it happened, so they may send it again. The reason names a storage fault (a full disk) when there is one.
/// </summary>
internal static class StoreRefusal
{
    /// <summary>For <c>msg</c> and <c>dm</c>: the message reached no one.</summary>
    public static string MessageNotDelivered(Exception exception) => exception is StoreUnavailableException fault
        ? $"The server cannot store messages right now ({fault.Reason}); your message was not delivered. Try again later."
        : "Your message could not be stored and was not delivered. Try again.";

    /// <summary>For every other request that changes what the server keeps (register, join a new room, moderation...).</summary>
    public static string RequestNotDone(StoreUnavailableException fault, string request)
        => $"The server cannot store changes right now ({fault.Reason}); your '{request}' was not carried out. Try again later.";
}

using Parley.Protocol;

namespace Parley.Server.Chat;

/// <summary>Builds the server's own <c>info</c> and <c>error</c> payloads, stamped now and sent as <c>server</c>.</summary>
internal static class Notices
{
    public static NoticePayload Info(TimeProvider clock, string text)
        => new(WireTime.Format(clock.GetUtcNow()), Usernames.Server, ResponseKinds.Info, text);

    public static NoticePayload Error(TimeProvider clock, string code, string text)
        => new(WireTime.Format(clock.GetUtcNow()), Usernames.Server, ResponseKinds.Error, text) { Code = code };
}

namespace Parley.Protocol;

/// <summary>Stable machine-readable codes carried in the <c>"code"</c> key of <c>error</c> payloads.</summary>
public static class ErrorCodes
{
    public const string BadJson = "bad_json";
    public const string BadRequest = "bad_request";
    public const string TooLarge = "too_large";
    public const string NotLoggedIn = "not_logged_in";
    public const string AlreadyLoggedIn = "already_logged_in";
    public const string InvalidUsername = "invalid_username";
    public const string NameTaken = "name_taken";
    public const string EmptyMessage = "empty_message";
    public const string MessageTooLong = "message_too_long";
    public const string UnknownRequest = "unknown_request";
    public const string InvalidArgument = "invalid_argument";
    public const string RateLimited = "rate_limited";
    public const string Forbidden = "forbidden";
    public const string ShuttingDown = "shutting_down";
    public const string StoreUnavailable = "store_unavailable";
    public const string NotFound = "not_found";
    public const string PasswordRequired = "password_required";
    public const string BadPassword = "bad_password";
    public const string NotRegistered = "not_registered";
    public const string AlreadyRegistered = "already_registered";
    public const string Banned = "banned";
    public const string TooManyConnections = "too_many_connections";
    public const string LoginTimeout = "login_timeout";

    /// <summary>The request needed the other servers of a cluster, and they could not be reached: nothing was done.</summary>
    public const string ClusterUnavailable = "cluster_unavailable";
}

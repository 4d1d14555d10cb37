namespace Parley.Protocol;

/// <summary>The four response kinds of the base protocol.</summary>
public static class ResponseKinds
{
    public const string Error = "error";
    public const string Info = "info";
    public const string History = "history";
    public const string Message = "message";
}

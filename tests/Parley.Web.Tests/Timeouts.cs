namespace Parley.Web.Tests;

internal static class Timeouts
{
    /// <summary>The most any one wait in the page may take (an element appearing, the page reconnecting).</summary>
    public static readonly TimeSpan Page = TimeSpan.FromSeconds(30);
}

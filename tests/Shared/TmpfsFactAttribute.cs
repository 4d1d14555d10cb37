namespace Parley.Tests.Shared;

/// <summary>
/// A fact that needs <see cref="Tmpfs"/>: skipped, with the reason, where no tmpfs can be mounted (not root,
/// no CAP_SYS_ADMIN, not Linux). xunit 2 has no skip at run time, so the check runs when tests are discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

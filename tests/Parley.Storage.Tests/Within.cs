namespace Parley.Storage.Tests;

/// <summary>Every wait in these tests has a limit, so a hung store fails the test instead of the run.</summary>
internal static class Within
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task<T> Limited<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Limit);

    public static Task Limited(this ValueTask task) => task.AsTask().WaitAsync(Limit);

    public static Task<T> Limited<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Limited(this Task task) => task.WaitAsync(Limit);
}

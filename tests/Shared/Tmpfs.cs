using System.Diagnostics;

namespace Parley.Tests.Shared;

/// <summary>
/// A small tmpfs mounted on a fresh directory, so a test can fill a real disk (<see cref="Fill"/>: the kernel
/// answers ENOSPC) and free it again. Mounting needs root or CAP_SYS_ADMIN on Linux; <see cref="Unavailable"/>
/// says why it cannot be done here, and <see cref="TmpfsFactAttribute"/> skips the test with that reason.
/// Dispose unmounts (lazily when something still holds a file open), so no mount outlives the test.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private static readonly Lazy<string?> s_unavailable = new(Probe);
    private bool _disposed;

    private Tmpfs(string path) => Path = path;

    /// <summary>Null when a tmpfs can be mounted here; else why not.</summary>
    public static string? Unavailable => s_unavailable.Value;

    public string Path { get; }

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    public static Tmpfs Mount(int sizeKiB)
    {
        var path = Directory.CreateTempSubdirectory("parley-tmpfs-").FullName;
        var (ok, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKiB}k,mode=0700", "tmpfs", path);
        if (!ok)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount -t tmpfs failed: {output}");
        }

        return new Tmpfs(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Bytes free on the file system now.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Writes a filler file until the disk is full (ENOSPC); returns how many bytes it took.</summary>
    public long Fill()
    {
        var chunk = new byte[64 * 1024];
        using var filler = new FileStream(FillerPath, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                filler.Write(chunk); // a short last write fills the final pages, then the next one fails
            }
        }
        catch (IOException) when (FreeBytes == 0)
        {
            return filler.Length;
        }
    }

    /// <summary>Deletes the filler: the space is back.</summary>
    public void Free() => System.IO.File.Delete(FillerPath);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!Run("umount", Path).Ok)
        {
            Run("umount", "-l", Path); // busy: detach now, the kernel frees it when the last file closes
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Still detaching: leave the empty directory to the system rather than fail the test.
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Disk-full tests mount a tmpfs, which needs Linux.";
        }

        try
        {
            using var trial = Mount(sizeKiB: 64);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"Disk-full tests mount a tmpfs, which needs root or CAP_SYS_ADMIN: {ex.Message}";
        }
    }

    private static (bool Ok, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            return (false, $"{file} did not finish within 30 s");
        }

        return (process.ExitCode == 0, output.Result.Trim());
    }
}

using System.Globalization;

namespace Parley.Bench;

/// <summary>CPU time of server processes (user + system) from /proc; null when there is no such process.</summary>
internal static class CpuSampler
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    public static double? CpuSeconds(int? pid) => pid is { } p && Stat(p) is { } stat ? stat.CpuTicks / TicksPerSecond : null;

    /// <summary>The sum over several processes (the nodes of a cluster); null when none of them exists.</summary>
    public static double? CpuSeconds(IReadOnlyList<int> pids)
    {
        var ticks = pids.Select(Stat).Where(s => s is not null).Select(s => s!.Value.CpuTicks).ToList();
        return ticks.Count == 0 ? null : ticks.Sum() / TicksPerSecond;
    }

    /// <summary>
    /// CPU seconds of a process and of every process under it that is alive now (PostgreSQL's postmaster and
    /// its backends, forked per connection), by pid; null when the process does not exist. Compare two samples
    /// with <see cref="Delta"/>: a child that ends between them takes its CPU time with it.
    /// </summary>
    public static Dictionary<int, double>? TreeCpuSeconds(int pid)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Stat(p) : null)
            .Where(s => s is not null)
            .Select(s => s!.Value)
            .ToList();
        if (!all.Any(s => s.Pid == pid))
        {
            return null;
        }

        var tree = new HashSet<int> { pid };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var stat in all.Where(s => !tree.Contains(s.Pid) && tree.Contains(s.ParentPid)))
            {
                grew |= tree.Add(stat.Pid);
            }
        }

        return all.Where(s => tree.Contains(s.Pid)).ToDictionary(s => s.Pid, s => s.CpuTicks / TicksPerSecond);
    }

    /// <summary>CPU seconds between two tree samples, over the processes in both (another program's short-lived backends drop out).</summary>
    public static double? Delta(Dictionary<int, double>? start, Dictionary<int, double>? end) =>
        start is null || end is null ? null : end.Where(e => start.ContainsKey(e.Key)).Sum(e => e.Value - start[e.Key]);

    private static (int Pid, int ParentPid, long CpuTicks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null; // gone (or never there)
        }

        // Fields after the command name (which may hold spaces, so split after the last ')'): state, ppid, ...
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (pid, parent, user + system);
    }
}

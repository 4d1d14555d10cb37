namespace Parley.Bench;

/// <summary>CPU time of the server process (user + system) from /proc; null when there is no such process.</summary>
internal static class CpuSampler
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    public static double? CpuSeconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        // Fields after the command name (which may hold spaces, so split after the last ')').
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }
}

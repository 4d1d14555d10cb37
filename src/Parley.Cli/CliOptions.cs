using System.Globalization;

namespace Parley.Cli;

/// <summary>The parsed command line: <c>parley [--json] [--ids] [HOST] [PORT]</c>.</summary>
internal sealed record CliOptions(string Host, int Port, bool Json, bool ShowHelp, bool ShowIds = false)
{
    public const string DefaultHost = "localhost";
    public const int DefaultPort = 9998;

    public static bool TryParse(IReadOnlyList<string> args, out CliOptions options, out string error)
    {
        var positional = new List<string>();
        var json = false;
        var help = false;
        var ids = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--help" or "-h" or "-?" or "/?":
                    help = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--ids":
                    ids = true;
                    break;
                case ['-', '-', ..]:
                    options = Defaults;
                    error = $"unknown option '{arg}'";
                    return false;
                default:
                    positional.Add(arg);
                    break;
            }
        }

        options = Defaults with { Json = json, ShowHelp = help, ShowIds = ids };
        error = string.Empty;
        if (positional.Count > 2)
        {
            error = "too many arguments";
            return false;
        }

        if (positional.Count > 0)
        {
            options = options with { Host = positional[0] };
        }

        if (positional.Count > 1)
        {
            if (!int.TryParse(positional[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                error = $"'{positional[1]}' is not a port number (1-65535)";
                return false;
            }

            options = options with { Port = port };
        }

        return true;
    }

    private static CliOptions Defaults => new(DefaultHost, DefaultPort, Json: false, ShowHelp: false);
}

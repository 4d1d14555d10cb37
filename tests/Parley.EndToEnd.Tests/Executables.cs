namespace Parley.EndToEnd.Tests;

/// <summary>Finds the built server and client next to this test assembly's configuration (Debug or Release).</summary>
internal static class Executables
{
    private static readonly Lazy<string> s_root = new(FindRepositoryRoot);

    /// <summary>The folder that holds Parley.slnx.</summary>
    public static string RepositoryRoot => s_root.Value;

    public static string ServerDll => Built("Parley.Server", "Parley.Server.dll");

    public static string ClientDll => Built("Parley.Cli", "parley.dll");

    private static string Built(string project, string file)
    {
        // This assembly lives in tests/<project>/bin/<Configuration>/<tfm>/.
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent!.Name;
        var path = Path.Combine(s_root.Value, "src", project, "bin", configuration, tfmDirectory.Name, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Parley.slnx above " + AppContext.BaseDirectory);
    }
}

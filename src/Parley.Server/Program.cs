using Microsoft.Extensions.Options;
using Parley.Cluster;
using Parley.Server.Hosting;
using Parley.Storage;

if (CommandLine.WantsHelp(args))
{
    Console.Write(CommandLine.HelpText());
    return ExitCodes.Success;
}

WebApplication app;
try
{
    app = ParleyHost.Build(args);
}
catch (OptionsValidationException ex)
{
    // A setting that cannot work (a TLS port without a certificate, say): the operator's mistake, not a crash.
    Console.Error.WriteLine($"Parley.Server: {ex.Message}");
    return ExitCodes.InvalidSettings;
}

try
{
    await app.RunAsync();
}
catch (BackplaneUnavailableException ex)
{
    // A node that cannot reach the others must not serve alone: its users would miss them and claim their names.
    Console.Error.WriteLine($"Parley.Server: {ex.Message}");
    return ExitCodes.ClusterUnavailable;
}
catch (StoreUnavailableException ex)
{
    // The store could not be opened at start (PostgreSQL down or unreachable): nothing was served. Its cause
    // was logged with the details; the operator gets one line and an exit code to act on.
    Console.Error.WriteLine($"Parley.Server: the store cannot be opened: {ex.Reason}.");
    return ExitCodes.StoreUnavailable;
}

return ExitCodes.Success;

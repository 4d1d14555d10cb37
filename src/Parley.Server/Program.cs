using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

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
    // A setting that cannot work (a port out of range, say): the operator's mistake, not a crash.
    Console.Error.WriteLine($"Parley.Server: {ex.Message}");
    return ExitCodes.InvalidSettings;
}

await app.RunAsync();
return ExitCodes.Success;

using Parley.Server.Hosting;

if (CommandLine.WantsHelp(args))
{
    Console.Write(CommandLine.HelpText());
    return 0;
}

var app = ParleyHost.Build(args);
await app.RunAsync();
return 0;

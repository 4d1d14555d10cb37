using System.Text;
using System.Threading.Channels;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Standard input is not a terminal: every input line is a command, every response printed as soon as it
/// arrives, standard output flushed after each.
/// </summary>
internal static class PipeMode
{
    public static async Task<int> RunAsync(ChatConnection connection, EventPresenter presenter, CancellationToken cancellationToken)
    {
        await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var output = new ConsoleInteractionService(presenter, connection.State, stdout, Console.Error);
        var input = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

        // Ctrl+C: leave as /quit does (log out first) instead of dying mid-session.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            input.Writer.TryWrite("/quit");
        };

        // A blocking read on its own thread: Console.In has no truly asynchronous read. The thread is a
        // background one, so it does not keep the process alive when the session ends first.
        _ = Task.Factory.StartNew(() => ReadLines(Console.In, input.Writer), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return await new ChatSessionLoop(connection, output).RunAsync(input.Reader, cancellationToken);
    }

    private static void ReadLines(TextReader reader, ChannelWriter<string> writer)
    {
        try
        {
            while (reader.ReadLine() is { } line)
            {
                writer.TryWrite(line);
            }
        }
        catch (IOException)
        {
            // Standard input broke: treat as its end.
        }
        finally
        {
            writer.TryComplete();
        }
    }
}

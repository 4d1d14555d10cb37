using System.Threading.Channels;

namespace Parley.Cli.Tui;

/// <summary>
/// Reads keys for the full-screen UI on its own thread and writes the finished lines for the session loop.
/// Ctrl+C quits (the loop logs out first); Ctrl+D on an empty line ends the input. Keys already waiting after
/// an Enter are a paste: the lines they finish are collected, and more than <see cref="PastePolicy.MaxWithoutAsking"/>
/// are sent only after a "y".
/// </summary>
internal sealed class KeyReader(TuiInteractionService ui, ChannelWriter<string> lines)
{
    public const string PasteCancelledHint = "Paste cancelled: nothing was sent.";

    public void Run()
    {
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (IsInterrupt(key) || IsEndOfInput(key))
                {
                    if (ui.CancelSecret())
                    {
                        // At a password prompt these cancel the prompt, not the session.
                        continue;
                    }

                    if (IsInterrupt(key))
                    {
                        lines.TryWrite("/quit");
                        return;
                    }

                    if (ui.IsLineEmpty)
                    {
                        lines.TryComplete();
                        return;
                    }
                }

                if (ui.OnKey(key, render: !Console.KeyAvailable) is { } line)
                {
                    SendBatch(CollectPaste(line));
                }
            }
        }
        catch (InvalidOperationException)
        {
            // No console to read keys from after all: behave as at the end of the input.
            lines.TryComplete();
        }
    }

    private List<string> CollectPaste(string first)
    {
        var batch = new List<string> { first };
        while (Console.KeyAvailable)
        {
            var key = Console.ReadKey(intercept: true);
            if (IsInterrupt(key))
            {
                // Ctrl+C in the middle of a paste: drop the paste; the next Ctrl+C quits.
                batch.Clear();
                break;
            }

            if (ui.OnKey(key, render: !Console.KeyAvailable) is { } line)
            {
                batch.Add(line);
            }
        }

        return batch;
    }

    private void SendBatch(List<string> batch)
    {
        if (PastePolicy.NeedsConfirmation(batch))
        {
            ui.Ask(PastePolicy.Question(batch));
            var answer = Console.ReadKey(intercept: true);
            ui.Ask(null);
            if (answer.KeyChar is not ('y' or 'Y'))
            {
                ui.ShowHint(PasteCancelledHint);
                return;
            }
        }

        foreach (var line in batch)
        {
            lines.TryWrite(line);
        }
    }

    private static bool IsInterrupt(ConsoleKeyInfo key)
        => key.KeyChar == '\u0003' || (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key == ConsoleKey.C);

    private static bool IsEndOfInput(ConsoleKeyInfo key)
        => key.KeyChar == '\u0004' || (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key == ConsoleKey.D);
}

using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class TabCompleterTests
{
    private static readonly string[] s_names = ["bob", "bert", "carol"];

    private static (string Text, int Cursor)? Complete(TabCompleter completer, string text, int? cursor = null)
        => completer.Complete(text, cursor ?? text.Length, TabCompleter.BaseCommands.Append("/history"), s_names);

    [Fact]
    public void Completes_a_command_with_a_space() => Assert.Equal(("/join ", 6), Complete(new(), "/jo"));

    [Fact]
    public void Completes_an_advertised_extension() => Assert.Equal(("/history ", 9), Complete(new(), "/hi"));

    [Fact]
    public void Repeated_tab_cycles_through_the_commands_in_order()
    {
        var completer = new TabCompleter();
        var first = Complete(completer, "/l")!.Value;
        var second = Complete(completer, first.Text)!.Value;
        var third = Complete(completer, second.Text)!.Value;
        var fourth = Complete(completer, third.Text)!.Value;

        Assert.Equal(["/leave ", "/login ", "/logout ", "/leave "], new[] { first.Text, second.Text, third.Text, fourth.Text });
    }

    [Fact]
    public void A_name_at_the_start_of_the_line_completes_as_an_address()
        => Assert.Equal(("carol: ", 7), Complete(new(), "ca"));

    [Fact]
    public void A_name_later_in_the_line_completes_with_a_space()
        => Assert.Equal(("hi carol ", 9), Complete(new(), "hi CA"));

    [Fact]
    public void Names_cycle_and_the_text_after_the_cursor_stays()
    {
        var completer = new TabCompleter();
        var first = Complete(completer, "/dm b rest", 5)!.Value;
        var second = Complete(completer, first.Text, first.Cursor)!.Value;

        Assert.Equal(("/dm bob  rest", 8), first);
        Assert.Equal(("/dm bert  rest", 9), second);
    }

    [Fact]
    public void Nothing_matches_nothing_changes() => Assert.Null(Complete(new(), "/zz"));

    [Fact]
    public void A_changed_line_starts_a_new_completion()
    {
        var completer = new TabCompleter();
        Complete(completer, "/l");
        Assert.Equal(("/rooms ", 7), Complete(completer, "/ro"));
    }
}

namespace Parley.Cli.Tests;

public class LineEditorTests
{
    private static LineEditor Typed(string text)
    {
        var editor = new LineEditor();
        foreach (var c in text)
        {
            editor.Insert(c);
        }

        return editor;
    }

    [Fact]
    public void Backspace_removes_a_whole_emoji()
    {
        var editor = Typed("hi😀");
        editor.Backspace();

        Assert.Equal("hi", editor.Text);
    }

    [Fact]
    public void Left_and_right_step_over_a_letter_with_its_accent()
    {
        var editor = Typed("ae\u0301b");
        editor.Left();
        editor.Left();

        Assert.Equal(1, editor.Cursor);
        editor.Right();
        Assert.Equal(3, editor.Cursor);
        editor.Home();
        editor.Delete();
        Assert.Equal("e\u0301b", editor.Text);
    }

    [Fact]
    public void Ctrl_w_deletes_the_word_before_the_cursor()
    {
        var editor = Typed("hello big world  ");
        editor.DeleteWordBefore();

        Assert.Equal("hello big ", editor.Text);
    }

    [Fact]
    public void Ctrl_u_deletes_to_the_start()
    {
        var editor = Typed("hello world");
        editor.Left();
        editor.DeleteToStart();

        Assert.Equal("d", editor.Text);
        Assert.Equal(0, editor.Cursor);
    }
}

using Parley.Client.Tests.Peers;

namespace Parley.Client.Tests;

/// <summary>The real <c>parley</c> process in pipe mode against a peer that requires passwords: no prompt, no echo.</summary>
public class CliAccountProcessTests
{
    [Fact]
    public async Task Pipe_mode_shows_password_required_and_invents_no_password()
    {
        await using var server = new PeerServer(AccountHabits.PasswordRequired);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("login alice");
        await parley.WaitForLineAsync("!!! The name alice is registered");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.DoesNotContain(parley.Output, l => l.Contains("Password for", StringComparison.Ordinal));
        Assert.Equal(["login alice"], server.Requests.Select(r => r.Request + " " + r.Content));
    }

    [Theory]
    [InlineData]
    [InlineData("--json")]
    [InlineData("--ids")]
    public async Task A_script_logs_in_with_its_password_and_the_output_never_shows_it(params string[] options)
    {
        await using var server = new PeerServer(AccountHabits.PasswordRequired);
        await using var parley = ParleyProcess.Start([.. options, "127.0.0.1", server.Port.ToString()]);

        await parley.WriteLineAsync("login alice " + AccountHabits.AlicePassword);
        await parley.WriteLineAsync("/password " + AccountHabits.AlicePassword + " another-one");
        await parley.WaitForLineAsync("Password changed.");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.Equal(["login", "password", "logout"], server.Requests.Select(r => r.Request));
        Assert.DoesNotContain(parley.Output.Concat(parley.Errors), l => l.Contains(AccountHabits.AlicePassword, StringComparison.Ordinal) || l.Contains("another-one", StringComparison.Ordinal));
    }
}

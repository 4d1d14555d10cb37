using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The real <c>parley</c> exe in a real terminal (tmux) against a small peer on loopback that answers
/// <c>login alice</c> with <c>password_required</c>: the client prompts, the password never reaches the screen.
/// </summary>
public class PasswordPromptTests
{
    private const string Password = "tmux-secret-42";

    [Fact]
    public async Task The_password_prompt_does_not_echo_and_the_login_carries_the_password()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = Channel.CreateUnbounded<string>();
        var peer = ServeOneAsync(listener, requests.Writer);

        await using var terminal = await TmuxSession.StartAsync($"NO_COLOR=1 dotnet {Executables.ClientDll} 127.0.0.1 {port}");
        await terminal.WaitForScreenAsync(screen => screen.Any(l => l.StartsWith("> ", StringComparison.Ordinal) || l == ">"));
        await terminal.TypeAsync("login alice");
        await terminal.PressAsync("Enter");
        await terminal.WaitForScreenAsync(screen => screen.Any(l => l.StartsWith("Password for alice:", StringComparison.Ordinal)));

        await terminal.TypeAsync(Password);
        var typing = await terminal.CaptureAsync();
        await terminal.PressAsync("Enter");
        var screen = await terminal.WaitForScreenAsync(s => s.Any(l => l.EndsWith("*** Login successful", StringComparison.Ordinal)));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.Equal("""{"request":"login","content":"alice"}""", await requests.Reader.ReadAsync(timeout.Token));
        Assert.Equal($$"""{"request":"login","content":"alice {{Password}}"}""", await requests.Reader.ReadAsync(timeout.Token));
        Assert.DoesNotContain(typing.Concat(screen), l => l.Contains(Password, StringComparison.Ordinal));
        Assert.Contains(screen, l => l.StartsWith("alice@#lobby>", StringComparison.Ordinal));

        await terminal.PressAsync("C-c");
        await terminal.WaitForExitAsync();
        await peer.WaitAsync(timeout.Token);
    }

    /// <summary>One client: password_required for a bare <c>login alice</c>, success with a password, goodbye on logout.</summary>
    private static async Task ServeOneAsync(TcpListener listener, ChannelWriter<string> requests)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        static string Answer(string response, string rest) => "{\"timestamp\":\"2026-11-25T13:02:05.123Z\",\"sender\":\"server\",\"response\":\"" + response + "\"," + rest + "}";
        while (await reader.ReadLineAsync() is { } line)
        {
            await requests.WriteAsync(line);
            var answer = line switch
            {
                """{"request":"login","content":"alice"}""" => Answer("error", "\"content\":\"alice is registered.\",\"code\":\"password_required\""),
                _ when line.Contains("\"login\"", StringComparison.Ordinal) => Answer("info", "\"content\":\"Login successful\",\"extensions\":[\"join\",\"leave\"]"),
                _ => Answer("info", "\"content\":\"Goodbye!\""),
            };
            await stream.WriteAsync(Encoding.UTF8.GetBytes(answer + "\n"));
            if (line.Contains("\"logout\"", StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}

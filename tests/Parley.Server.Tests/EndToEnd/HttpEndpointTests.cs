using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>The HTTP port beside the chat port: the web client's files and the readiness check, over real sockets.</summary>
[Collection("EndToEnd")]
public class HttpEndpointTests
{
    [Fact]
    public async Task The_web_root_is_served_at_the_root_with_utf8_content_types_and_revalidation()
    {
        var webRoot = Directory.CreateTempSubdirectory("parley-webroot-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "index.html"), "<!doctype html><title>Parley</title><p>blåbærsyltetøy</p>");
            Directory.CreateDirectory(Path.Combine(webRoot.FullName, "js"));
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "js", "app.js"), "export const greeting = 'hei';\n");
            await using var server = await SocketServer.StartAsync([.. SocketServer.AnyHttpPort, "--webroot", webRoot.FullName]);
            using var http = server.CreateHttpClient();

            using var page = await http.GetAsync("");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
            Assert.Equal("<!doctype html><title>Parley</title><p>blåbærsyltetøy</p>", await page.Content.ReadAsStringAsync());
            Assert.True(page.Headers.CacheControl?.NoCache, "a file that is not fingerprinted must be revalidated");

            using var script = await http.GetAsync("js/app.js");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
            Assert.Equal("nosniff", Assert.Single(script.Headers.GetValues("X-Content-Type-Options")));

            // Revalidation is cheap: the ETag answers 304 while the file is unchanged.
            using var again = new HttpRequestMessage(HttpMethod.Get, "js/app.js");
            again.Headers.IfNoneMatch.Add(script.Headers.ETag ?? throw new Xunit.Sdk.XunitException("no ETag"));
            using var notModified = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

            using var missing = await http.GetAsync("nothing-here.js");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            webRoot.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Healthz_is_ready_once_the_listeners_are_up_and_the_store_is_open_and_the_chat_port_still_chats()
    {
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        using var http = server.CreateHttpClient();

        using var response = await http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(
            ["Healthy", "listeners: Healthy: Every listener is bound and the store is open.", "store: Healthy: Store writes succeed."],
            lines);

        // The HTTP port is a listener of its own: the chat port is what it was.
        await using var alice = await server.LoginAsync("alice");
        Payloads.Message(await alice.RequestAsync("msg", "over tcp"), "alice", "over tcp");
    }

    [Theory]
    [InlineData("--http-port", "70000")]
    [InlineData("--http-port", "-2")]
    public void A_port_out_of_range_stops_the_server_before_it_starts_with_a_clear_message(string flag, string port)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ParleyHost.Build(["--port", "0", "--host", "127.0.0.1", flag, port]));

        Assert.Equal($"{flag} {port} is not a port: give 1 to 65535, 0 to turn it off, or -1 for any free port.", error.Message);
    }

    [Fact]
    public async Task Http_port_0_turns_http_off()
    {
        await using var server = await SocketServer.StartAsync(); // the test server passes --http-port 0

        Assert.Null(server.Listeners.HttpEndPoint);
        Assert.NotNull(server.Listeners.EndPoint);
    }
}

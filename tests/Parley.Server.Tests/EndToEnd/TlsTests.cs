using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// TLS with a self-signed certificate made by the test: the chat port over TLS (the same protocol, the same
/// handler) beside the plain one, and HTTPS on the HTTP port.
/// </summary>
[Collection("EndToEnd")]
public class TlsTests
{
    [Fact]
    public async Task A_tls_user_and_a_plain_tcp_user_chat_both_ways_with_a_pem_certificate_and_https_serves_healthz()
    {
        using var certificate = TestCertificate.Create();
        await using var server = await SocketServer.StartAsync(
            [.. SocketServer.AnyHttpPort, "--tls-port", "-1", "--tls-cert", certificate.CertPath, "--tls-key", certificate.KeyPath]);
        var tlsEndPoint = server.Listeners.TlsEndPoint ?? throw new Xunit.Sdk.XunitException("no TLS endpoint published");
        Assert.NotEqual(server.EndPoint, tlsEndPoint);

        await using var alice = await TlsTestClient.ConnectAsync(tlsEndPoint, certificate);
        Assert.True(alice.Stream.IsEncrypted);
        await alice.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");

        Payloads.Message(await alice.RequestAsync("msg", "from tls"), "alice", "from tls");
        Payloads.Message(await bob.ReadPayloadAsync(), "alice", "from tls");
        Payloads.Message(await bob.RequestAsync("msg", "from tcp"), "bob", "from tcp");
        Payloads.Message(await alice.ReadPayloadAsync(), "bob", "from tcp");
        Assert.Equal("Users in #lobby (2): alice, bob", Payloads.Info(await alice.RequestAsync("names")));

        using var https = server.CreateHttpClient(certificate.HttpsHandler());
        using var health = await https.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("Healthy\n", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tls_chat_port_works_with_http_off()
    {
        using var certificate = TestCertificate.Create();
        await using var server = await SocketServer.StartAsync("--tls-port", "-1", "--tls-cert", certificate.CertPath, "--tls-key", certificate.KeyPath);
        Assert.Null(server.Listeners.HttpEndPoint); // the test server's --http-port 0

        await using var dave = await TlsTestClient.ConnectAsync(server.Listeners.TlsEndPoint!, certificate);
        await dave.LoginAsync("dave");
        Payloads.Message(await dave.RequestAsync("msg", "no http here"), "dave", "no http here");
    }

    [Fact]
    public async Task A_password_protected_pfx_serves_tls_chat_and_https()
    {
        using var certificate = TestCertificate.Create();
        await using var server = await SocketServer.StartAsync(
            [.. SocketServer.AnyHttpPort, "--tls-port", "-1", "--tls-pfx", certificate.PfxPath, "--tls-pfx-password", TestCertificate.PfxPassword]);

        await using var carol = await TlsTestClient.ConnectAsync(server.Listeners.TlsEndPoint!, certificate);
        await carol.LoginAsync("carol");
        Payloads.Message(await carol.RequestAsync("msg", "secure"), "carol", "secure");

        using var https = server.CreateHttpClient(certificate.HttpsHandler());
        Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task With_a_certificate_the_http_port_speaks_https_only()
    {
        using var certificate = TestCertificate.Create();
        await using var server = await SocketServer.StartAsync([.. SocketServer.AnyHttpPort, "--tls-cert", certificate.CertPath, "--tls-key", certificate.KeyPath]);
        Assert.Null(server.Listeners.TlsEndPoint); // no --tls-port: the certificate is for HTTPS alone

        using var plain = new HttpClient { BaseAddress = new Uri($"http://{server.HttpEndPoint}/"), Timeout = TestTimeouts.Payload };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync("healthz"));

        using var https = server.CreateHttpClient(certificate.HttpsHandler());
        Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("healthz")).StatusCode);
    }

    [Theory]
    [InlineData(new[] { "--tls-port", "-1" }, "--tls-port needs a certificate")]
    [InlineData(new[] { "--tls-key", "/nowhere/key.pem" }, "--tls-key needs --tls-cert")]
    [InlineData(new[] { "--tls-cert", "/nowhere/cert.pem" }, "Cannot load the TLS certificate from /nowhere/cert.pem")]
    [InlineData(new[] { "--tls-pfx", "/nowhere/cert.pfx", "--tls-cert", "/nowhere/cert.pem" }, "give only one of them")]
    [InlineData(new[] { "--tls-port", "70000" }, "--tls-port 70000 is not a port")]
    public void Settings_that_cannot_work_stop_the_server_before_it_starts_with_a_clear_message(string[] flags, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ParleyHost.Build(["--port", "0", "--host", "127.0.0.1", .. flags]));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pem_certificate_without_its_key_is_refused_at_start()
    {
        using var certificate = TestCertificate.Create();

        var error = Assert.Throws<OptionsValidationException>(() => ParleyHost.Build(["--port", "0", "--http-port", "-1", "--tls-cert", certificate.CertPath]));

        Assert.StartsWith($"Cannot load the TLS certificate from {certificate.CertPath}: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Without --tls-key the private key must be in that file too.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pfx_without_the_private_key_is_refused_at_start()
    {
        using var certificate = TestCertificate.Create();
        using var publicPart = X509CertificateLoader.LoadCertificate(certificate.Certificate.RawData);
        var path = Path.ChangeExtension(certificate.PfxPath, ".public.pfx");
        File.WriteAllBytes(path, publicPart.Export(X509ContentType.Pkcs12));

        var error = Assert.Throws<OptionsValidationException>(() => ParleyHost.Build(["--port", "0", "--http-port", "-1", "--tls-pfx", path]));

        Assert.Equal($"The TLS certificate in {path} comes without its private key.", error.Message);
    }
}

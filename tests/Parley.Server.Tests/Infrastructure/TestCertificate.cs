using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A self-signed server certificate for localhost and 127.0.0.1, made for one test and written to a temporary
/// directory as the server reads certificates: PEM files and a password-protected PKCS#12 file. Clients trust
/// exactly this certificate (<see cref="Validate"/>), nothing else.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    public const string PfxPassword = "pfx-secret";

    private readonly DirectoryInfo _directory;

    private TestCertificate(X509Certificate2 certificate, DirectoryInfo directory)
    {
        Certificate = certificate;
        _directory = directory;
    }

    public X509Certificate2 Certificate { get; }

    public string CertPath => Path.Combine(_directory.FullName, "cert.pem");

    public string KeyPath => Path.Combine(_directory.FullName, "key.pem");

    public string PfxPath => Path.Combine(_directory.FullName, "cert.pfx");

    public static TestCertificate Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var directory = Directory.CreateTempSubdirectory("parley-cert-");
        var files = new TestCertificate(certificate, directory);
        File.WriteAllText(files.CertPath, certificate.ExportCertificatePem());
        File.WriteAllText(files.KeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(files.PfxPath, certificate.Export(X509ContentType.Pkcs12, PfxPassword));
        return files;
    }

    /// <summary>A remote-certificate check that accepts this certificate only (self-signed: no chain to trust).</summary>
    public bool Validate(X509Certificate? presented) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(Certificate.RawData);

    /// <summary>An HTTP handler for HTTPS to the test server, trusting this certificate.</summary>
    public SocketsHttpHandler HttpsHandler() => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => Validate(presented) },
    };

    public void Dispose()
    {
        Certificate.Dispose();
        _directory.Delete(recursive: true);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// The optional TLS certificate, bound from the <c>Parley</c> section like <see cref="ChatServerOptions"/>: PEM
/// files (<see cref="TlsCert"/>, <see cref="TlsKey"/>) or a PKCS#12 file (<see cref="TlsPfx"/>). With one, the
/// HTTP port speaks HTTPS, and <see cref="TlsPort"/> (when set) is a second chat port, over TLS.
/// A class, not a record: a record's generated ToString would print the password.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>
    /// The chat port over TLS (the same protocol as the plain port); <see cref="ChatServerOptions.PortOff"/>
    /// by default, <see cref="ChatServerOptions.AnyFreePort"/> picks one. Needs a certificate.
    /// </summary>
    public int TlsPort { get; init; } = ChatServerOptions.PortOff;

    /// <summary>The certificate (chain) as a PEM file: the server's certificate first, then its intermediates.</summary>
    public string? TlsCert { get; init; }

    /// <summary>The certificate's private key as an unencrypted PEM file; when omitted it is read from <see cref="TlsCert"/>.</summary>
    public string? TlsKey { get; init; }

    /// <summary>The certificate with its private key as a PKCS#12 (.pfx, .p12) file, instead of the PEM files.</summary>
    public string? TlsPfx { get; init; }

    /// <summary>The password of <see cref="TlsPfx"/>, if it has one (better in <c>PARLEY__TLSPFXPASSWORD</c> than on the command line).</summary>
    public string? TlsPfxPassword { get; init; }

    /// <summary>
    /// The certificate, or null when none is configured. Throws <see cref="OptionsValidationException"/> with a
    /// message for the operator when the settings do not fit together or the files cannot be used, so the
    /// server stops at start-up rather than at its first TLS handshake.
    /// </summary>
    internal X509Certificate2? LoadCertificate()
    {
        var pem = !string.IsNullOrEmpty(TlsCert);
        var pfx = !string.IsNullOrEmpty(TlsPfx);
        if (pem && pfx)
        {
            throw Invalid("--tls-cert and --tls-pfx both name a certificate; give only one of them.");
        }

        if (!string.IsNullOrEmpty(TlsKey) && !pem)
        {
            throw Invalid("--tls-key needs --tls-cert, the certificate that goes with the key.");
        }

        if (!string.IsNullOrEmpty(TlsPfxPassword) && !pfx)
        {
            throw Invalid("--tls-pfx-password needs --tls-pfx, the file it opens.");
        }

        if (!pem && !pfx)
        {
            return TlsPort == ChatServerOptions.PortOff ? null
                : throw Invalid("--tls-port needs a certificate: --tls-cert PATH --tls-key PATH (PEM files) or --tls-pfx PATH (PKCS#12).");
        }

        var path = pem ? TlsCert! : TlsPfx!;
        X509Certificate2 certificate;
        try
        {
            certificate = pem ? LoadPem(TlsCert!, string.IsNullOrEmpty(TlsKey) ? null : TlsKey)
                : X509CertificateLoader.LoadPkcs12FromFile(TlsPfx!, TlsPfxPassword);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            var hint = pem && string.IsNullOrEmpty(TlsKey) ? " Without --tls-key the private key must be in that file too." : string.Empty;
            throw Invalid($"Cannot load the TLS certificate from {path}: {ex.Message}{hint}");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw Invalid($"The TLS certificate in {path} comes without its private key.");
        }

        return certificate;
    }

    private static X509Certificate2 LoadPem(string certificatePath, string? keyPath)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        // Windows' TLS stack cannot use the ephemeral key that a PEM file gives; a PKCS#12 round trip (what
        // Kestrel's own certificate loader does) puts it where SChannel finds it.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    private static OptionsValidationException Invalid(string message)
        => new(ChatServerOptions.SectionName, typeof(TlsOptions), [message]);
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CostSense.Tests.Infrastructure;

/// <summary>
/// A self-signed certificate for 127.0.0.1 and localhost, so a test can serve the app over https on Kestrel as a TLS
/// deployment does (outside Development its cookies are Secure, which a client only sends back over https).
/// Clients trust exactly this certificate, nothing else.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    public TestCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=costsense-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so that Kestrel gets a certificate whose private key it can use on every platform.
        Certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>A handler that accepts this certificate and refuses any other, and leaves redirects to the test.</summary>
    public HttpClientHandler TrustingHandler() => new()
    {
        AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Thumbprint == Certificate.Thumbprint,
    };

    public void Dispose() => Certificate.Dispose();
}

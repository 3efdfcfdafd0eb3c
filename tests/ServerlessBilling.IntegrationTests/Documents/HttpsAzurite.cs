using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Documents;

/// <summary>An Azurite blob service of the test's own over HTTPS with OAuth (<c>--oauth basic</c>: it checks a bearer token's
/// issuer, audience and lifetime, not its signature), on the port after the shared Azurite's three, with a self-signed
/// certificate for 127.0.0.1 made for it; as Azure storage is reached by a managed identity, only over HTTPS.</summary>
public sealed class HttpsAzurite : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private HttpsAzurite(Process process, string folder, X509Certificate2 certificate, int port)
    {
        this.process = process;
        this.folder = folder;
        Certificate = certificate;
        BlobServiceUri = new Uri($"https://127.0.0.1:{port}/devstoreaccount1");
    }

    public X509Certificate2 Certificate { get; }

    public Uri BlobServiceUri { get; }

    public static async Task<HttpsAzurite> StartAsync()
    {
        var port = AzuriteFixture.Options.TablePort + 1;
        var folder = Directory.CreateTempSubdirectory("https-azurite-").FullName;
        var certificate = SelfSigned();
        var certPath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(RepositoryRoot.Find(), "node_modules", "azurite", "dist", "src", "blob", "main.js"),
            "--blobHost", "127.0.0.1", "--blobPort", $"{port}", "--oauth", "basic", "--cert", certPath, "--key", keyPath,
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!AzuriteLauncher.IsListening(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"Azurite over HTTPS did not start on port {port}.");
            }

            await Task.Delay(200);
        }

        return new HttpsAzurite(process, folder, certificate, port);
    }

    /// <summary>A blob service client as the identity-based setting builds one, trusting this Azurite's certificate only.</summary>
    public BlobServiceClient Client(Azure.Core.TokenCredential credential) =>
        new(BlobServiceUri, credential, new BlobClientOptions { Transport = new HttpClientTransport(Handler()) });

    /// <summary>An HTTP client without any credential that trusts this Azurite's certificate only: what reads a signed link.</summary>
    public HttpClient Anonymous() => new(Handler());

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Certificate.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private HttpClientHandler Handler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == Certificate.Thumbprint,
    };

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}

using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>The verification example in docs/api.md is the verifier the delivery tests check every webhook with, line for line.</summary>
public class VerifierDocumentationTests
{
    [Fact]
    public void ApiDocs_VerificationExample_IsTheTestedVerifier()
    {
        var root = RepositoryRoot.Find();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "api.md"));
        var source = File.ReadAllText(Path.Combine(root, "tests", "ServerlessBilling.IntegrationTests", "WebhooksOut", "StandardWebhookVerifier.cs"));
        var example = docs.Split("**Verifying a webhook**")[1].Split("```csharp")[1].Split("```")[0];
        var tested = source.Split("// docs:begin verifier")[1].Split("// docs:end verifier")[0];

        Lines(example).ShouldContain("using System.Security.Cryptography;");
        string.Join('\n', Lines(example)).ShouldContain(string.Join('\n', Lines(tested)));
        Lines(tested).Count.ShouldBeGreaterThan(20);
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
}

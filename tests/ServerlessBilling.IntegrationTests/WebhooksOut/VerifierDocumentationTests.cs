using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>The verification examples in docs/api.md and the README are the verifier the delivery tests check every webhook with,
/// line for line.</summary>
public class VerifierDocumentationTests
{
    [Theory]
    [InlineData("docs/api.md")]
    [InlineData("README.md")]
    public void VerificationExample_IsTheTestedVerifier(string page)
    {
        var root = RepositoryRoot.Find();
        var docs = File.ReadAllText(Path.Combine(root, page));
        var source = File.ReadAllText(Path.Combine(root, "tests", "ServerlessBilling.IntegrationTests", "WebhooksOut", "StandardWebhookVerifier.cs"));
        var example = docs.Split("```csharp").Skip(1).Select(block => block.Split("```")[0]).Single(block => block.Contains("class StandardWebhookVerifier", StringComparison.Ordinal));
        var tested = source.Split("// docs:begin verifier")[1].Split("// docs:end verifier")[0];

        Lines(example).ShouldContain("using System.Security.Cryptography;");
        string.Join('\n', Lines(example)).ShouldContain(string.Join('\n', Lines(tested)));
        Lines(tested).Count.ShouldBeGreaterThan(20);
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
}

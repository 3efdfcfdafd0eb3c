using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Commands;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The operations verbs' own rules, before they reach a host (their effect through the host is in IngestOperationsTests).</summary>
public sealed class OperationsVerbTests : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri("http://127.0.0.1:9/") };

    public void Dispose() => http.Dispose();

    [Theory]
    [InlineData("list")]
    [InlineData("list", "--url")]
    [InlineData("purge", "retell")]
    public async Task Quarantine_WithoutActionAndSource_IsAUsageErrorBeforeAnyRequest(params string[] args) =>
        await Should.ThrowAsync<ArgumentException>(() => QuarantineCommand.RunAsync(new BillingApiClient(http, "k"), args, TextWriter.Null, CancellationToken.None));

    [Theory]
    [InlineData]
    [InlineData("--url")]
    public async Task CdrFile_WithoutBlobName_IsAUsageErrorBeforeAnyRequest(params string[] args) =>
        await Should.ThrowAsync<ArgumentException>(() => CdrFileCommand.RunAsync(new BillingApiClient(http, "k"), args, TextWriter.Null, CancellationToken.None));

    [Fact]
    public void Connect_UrlAndKey_PointTheClientAtTheRunningHost()
    {
        using var client = new HttpClient();

        RunningHost.Connect(new CommandOptions(["counters", "--url", "http://127.0.0.1:7999", "--key", "abc"]), client);

        client.BaseAddress.ShouldBe(new Uri("http://127.0.0.1:7999/"));
    }
}

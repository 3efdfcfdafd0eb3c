using System.Text;
using ServerlessBilling.Usage.Twilio;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class TwilioWebhookTests
{
    private const string Token = "twilio-unit-token";
    private const string Path = "/api/webhooks/twilio";
    private static readonly Uri BaseUrl = new("https://billing.example.com");
    private readonly WebhookHarness<TwilioWebhook> harness = new(_ => new TwilioWebhook(new TwilioWebhookOptions(Token, BaseUrl)));

    private static readonly KeyValuePair<string, string>[] Completed =
    [
        new("CallSid", "CA01"), new("CallStatus", "completed"), new("CallDuration", "83"), new("Direction", "inbound"),
        new("From", "+14155550100"), new("To", "+12125550199"), new("Timestamp", "Tue, 14 Nov 2023 22:15:42 +0000"), new("SequenceNumber", "3"),
    ];

    private Task<Outcome<WebhookReceipt>> PostAsync(IReadOnlyList<KeyValuePair<string, string>> form, string token = Token)
    {
        var body = string.Join('&', form.Select(p => $"{FormEncode(p.Key)}={FormEncode(p.Value)}"));
        var signature = TwilioSignature.Compute(token, new Uri(BaseUrl, Path).AbsoluteUri, form);
        var delivery = new WebhookDelivery(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [TwilioWebhook.SignatureHeader] = signature }, Path);
        return harness.Intake.ReceiveAsync(delivery, CancellationToken.None);
    }

    [Fact]
    public async Task ReceiveAsync_SignedCompletedCallback_IsQueuedAndArchivedUnderTheCallSid()
    {
        (await PostAsync(Completed)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        harness.Queue.Events.ShouldHaveSingleItem().EventId.ShouldBe("twilio-CA01");
        harness.Archive.Names.ShouldHaveSingleItem().ShouldStartWith("twilio/CA01-3-");
    }

    [Fact]
    public async Task ReceiveAsync_ValueWithSpacesAndPlus_VerifiesOverTheDecodedForm()
    {
        var form = Completed.Select(p => p.Key == "From" ? KeyValuePair.Create("From", "+1 415 555 0100") : p).ToArray();
        (await PostAsync(form)).Verdict().ShouldBe(WebhookVerdict.Accepted);
    }

    [Fact]
    public async Task ReceiveAsync_WrongToken_IsUnauthorizedAndStoresNothing()
    {
        (await PostAsync(Completed, "other")).Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        harness.Archive.Names.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_ProgressCallback_IsArchivedAndIgnored()
    {
        var ringing = Completed.Select(p => p.Key == "CallStatus" ? KeyValuePair.Create("CallStatus", "ringing") : p).ToArray();
        (await PostAsync(ringing)).Verdict().ShouldBe(WebhookVerdict.Ignored);
        harness.Archive.Names.ShouldHaveSingleItem();
    }

    /// <summary>Form encoding as an HTTP client writes it: spaces as '+', reserved characters percent-encoded.</summary>
    private static string FormEncode(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
}

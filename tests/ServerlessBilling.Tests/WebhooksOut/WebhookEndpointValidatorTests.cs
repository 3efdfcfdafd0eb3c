using ServerlessBilling.Usage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

public class WebhookEndpointValidatorTests
{
    [Fact]
    public void Validate_Creating_RequiresUrlAndEventTypes() =>
        WebhookEndpointValidator.Validate(new(null, null, null, null), creating: true, allowHttp: false).Select(p => p.Field).ShouldBe(["url", "eventTypes"]);

    [Fact]
    public void Validate_Changing_AcceptsNothingGiven() =>
        WebhookEndpointValidator.Validate(new(null, null, null, true), creating: false, allowHttp: false).ShouldBeEmpty();

    [Theory]
    [InlineData("http://crm.example.com/hook", false, "must be an https URL")]
    [InlineData("ftp://crm.example.com/hook", true, "must be an https URL")]
    [InlineData("crm.example.com/hook", false, "must be an absolute URL of at most 2048 characters")]
    [InlineData("/hook", false, "must be an https URL")]
    [InlineData("https://user:pass@crm.example.com/hook", false, "must not carry user info or a fragment")]
    public void Validate_BadUrl_NamesUrl(string url, bool allowHttp, string reason) =>
        WebhookEndpointValidator.Validate(new(url, ["*"], null, null), creating: true, allowHttp).ShouldBe([new RecordProblem("url", reason)]);

    [Theory]
    [InlineData("Invoice.Finalized")]
    [InlineData("invoice")]
    [InlineData("invoice finalized")]
    [InlineData("")]
    public void Validate_BadEventType_NamesEventTypes(string type) =>
        WebhookEndpointValidator.Validate(new("https://crm.example.com/hook", [type], null, null), creating: true, allowHttp: false)
            .ShouldHaveSingleItem().Field.ShouldBe("eventTypes");

    [Fact]
    public void Validate_GoodRegistration_HasNoProblems() =>
        WebhookEndpointValidator.Validate(new("https://crm.example.com/hook", ["invoice.finalized", "payment_method.updated", "*"], "CRM", null), creating: true, allowHttp: false)
            .ShouldBeEmpty();
}

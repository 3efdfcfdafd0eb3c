using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

public class AuthorizeNetDeclinesTests
{
    [Theory]
    [InlineData("2", "generic_decline", DeclineKind.RetryLater)]
    [InlineData("3", "call_issuer", DeclineKind.RetryLater)]
    [InlineData("4", "pickup_card", DeclineKind.DoNotRetry)]
    [InlineData("6", "invalid_number", DeclineKind.DoNotRetry)]
    [InlineData("8", "expired_card", DeclineKind.DoNotRetry)]
    [InlineData("10", "invalid_account_number", DeclineKind.DoNotRetry)]
    [InlineData("17", "card_not_supported", DeclineKind.DoNotRetry)]
    [InlineData("19", "processing_error", DeclineKind.RetryLater)]
    [InlineData("27", "incorrect_address", DeclineKind.DoNotRetry)]
    [InlineData("45", "incorrect_cvc", DeclineKind.DoNotRetry)]
    [InlineData("120", "processing_error", DeclineKind.RetryLater)]
    [InlineData("251", "fraudulent", DeclineKind.DoNotRetry)]
    [InlineData("317", "expired_card", DeclineKind.DoNotRetry)]
    [InlineData("999", "anet_999", DeclineKind.RetryLater)]
    [InlineData(null, "generic_decline", DeclineKind.RetryLater)]
    public void Classify_ReasonCode_NamesTheDeclineAndItsClass(string? reason, string code, DeclineKind kind) =>
        AuthorizeNetDeclines.Classify(reason).ShouldBe((code, kind));

    [Theory]
    [InlineData("4")]
    [InlineData("8")]
    [InlineData("251")]
    public void Classify_HardReasons_AgreeWithTheSharedDeclineVocabulary(string reason)
    {
        var (code, kind) = AuthorizeNetDeclines.Classify(reason);

        DeclineCodes.Classify(code).ShouldBe(kind);
    }
}

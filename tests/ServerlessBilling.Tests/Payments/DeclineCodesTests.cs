using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

public class DeclineCodesTests
{
    [Theory]
    [InlineData("insufficient_funds")]
    [InlineData("try_again_later")]
    [InlineData("processing_error")]
    [InlineData("issuer_not_available")]
    [InlineData("do_not_honor")]
    [InlineData("generic_decline")]
    [InlineData("card_velocity_exceeded")]
    [InlineData("a_code_added_next_year")]
    [InlineData(null)]
    public void Classify_SoftDecline_RetriesLater(string? code) =>
        DeclineCodes.Classify(code).ShouldBe(DeclineKind.RetryLater);

    [Theory]
    [InlineData("lost_card")]
    [InlineData("stolen_card")]
    [InlineData("pickup_card")]
    [InlineData("fraudulent")]
    [InlineData("incorrect_number")]
    [InlineData("expired_card")]
    [InlineData("invalid_account")]
    [InlineData("account_closed")]
    [InlineData("no_account")]
    [InlineData("debit_not_authorized")]
    [InlineData("revocation_of_authorization")]
    [InlineData("revocation_of_all_authorizations")]
    [InlineData("stop_payment_order")]
    [InlineData("transaction_not_allowed")]
    [InlineData("authentication_required")]
    [InlineData("STOLEN_CARD")]
    public void Classify_MethodUnusable_NeverRetries(string code) =>
        DeclineCodes.Classify(code).ShouldBe(DeclineKind.DoNotRetry);

    [Theory]
    [InlineData("generic_decline", "do_not_try_again", DeclineKind.DoNotRetry)]
    [InlineData("insufficient_funds", "do_not_try_again", DeclineKind.DoNotRetry)]
    [InlineData("do_not_honor", "confirm_card_data", DeclineKind.DoNotRetry)]
    [InlineData(null, "do_not_try_again", DeclineKind.DoNotRetry)]
    [InlineData("generic_decline", "try_again_later", DeclineKind.RetryLater)]
    [InlineData("stolen_card", "try_again_later", DeclineKind.DoNotRetry)]
    public void Classify_AdviceCode_HardensButNeverSoftens(string? code, string advice, DeclineKind expected) =>
        DeclineCodes.Classify(code, advice).ShouldBe(expected);
}

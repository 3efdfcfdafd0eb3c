namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

/// <summary>How the Authorize.Net test server answers one new transaction.</summary>
/// <param name="ResponseCode">1 approved, 2 declined, 3 error, 4 held for review.</param>
/// <param name="ReasonCode">The response reason code in <c>errors[0].errorCode</c> (or <c>messages[0].code</c> when approved).</param>
/// <param name="LoseAnswer">The transaction is made, then the connection fails with a 502, as a crash after the gateway acted would look.</param>
public sealed record AnetOutcome(string ResponseCode, string ReasonCode, bool LoseAnswer = false)
{
    public static AnetOutcome Approve() => new("1", "1");

    public static AnetOutcome Decline(string reasonCode = "2") => new("2", reasonCode);

    public static AnetOutcome Error(string reasonCode) => new("3", reasonCode);

    public static AnetOutcome HeldForReview() => new("4", "252");

    public static AnetOutcome ApproveButLoseAnswer() => new("1", "1", LoseAnswer: true);
}

/// <summary>A transaction the test server made.</summary>
public sealed record AnetTransaction(
    string TransId,
    string Type,
    decimal Amount,
    string? CustomerProfileId,
    string? PaymentProfileId,
    string? InvoiceNumber,
    string? Description,
    string ResponseCode,
    string ReasonCode,
    bool IsECheck,
    DateTime SubmittedUtc,
    string? RefTransId = null,
    string? SettledStatus = null,
    IReadOnlyDictionary<string, string>? UserFields = null)
{
    public string Status => SettledStatus ?? (Type, ResponseCode) switch
    {
        ("refundTransaction", _) => "refundPendingSettlement",
        ("authOnlyTransaction", "1") => "authorizedPendingCapture",
        (_, "1") => "capturedPendingSettlement",
        (_, "4") => "FDSPendingReview",
        (_, "2") => "declined",
        _ => "generalError",
    };
}

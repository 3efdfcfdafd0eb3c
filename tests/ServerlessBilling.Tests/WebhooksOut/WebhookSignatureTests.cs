using NodaTime;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

public class WebhookSignatureTests
{
    /// <summary>The example the Standard Webhooks reference libraries test against: secret, id, timestamp, body and signature.</summary>
    [Fact]
    public void Sign_SpecificationExample_GivesItsSignature() =>
        WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""")
            .ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    [Fact]
    public void Header_TwoSecrets_OneSignatureEachSpaceSeparatedCurrentFirst()
    {
        const string current = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var previous = WebhookSignature.NewSecret();

        var header = WebhookSignature.Header([current, previous], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        header.Split(' ').ShouldBe(["v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(previous, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""")]);
    }

    [Fact]
    public void NewSecret_IsPrefixedBase64Of32RandomBytes()
    {
        var secret = WebhookSignature.NewSecret();

        secret.ShouldStartWith("whsec_");
        WebhookSignature.Key(secret).Length.ShouldBe(32);
        WebhookSignature.NewSecret().ShouldNotBe(secret);
    }

    [Fact]
    public void SigningAt_PreviousSecret_SignsUntilItExpiresThenOnlyTheCurrent()
    {
        var rotatedAt = Instant.FromUtc(2026, 12, 1, 9, 0);
        var secrets = new WebhookSecrets("whsec_old").RotateTo("whsec_new", rotatedAt + Duration.FromHours(24));

        secrets.SigningAt(rotatedAt).ShouldBe(["whsec_new", "whsec_old"]);
        secrets.SigningAt(rotatedAt + Duration.FromHours(24) - Duration.Epsilon).ShouldBe(["whsec_new", "whsec_old"]);
        secrets.SigningAt(rotatedAt + Duration.FromHours(24)).ShouldBe(["whsec_new"]);
    }
}

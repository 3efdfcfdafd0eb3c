using ServerlessBilling.Usage.Twilio;

namespace ServerlessBilling.Tests.Usage;

public class TwilioSignatureTests
{
    // Twilio's documented example (security docs): token 12345, this URL and these POST parameters.
    private static readonly KeyValuePair<string, string>[] DocumentedParameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675310"),
        new("Digits", "1234"),
        new("From", "+14158675310"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void Compute_DocumentedVector_MatchesTwilio() =>
        TwilioSignature.Compute("12345", "https://example.com/myapp.php?foo=1&bar=2", DocumentedParameters.Reverse())
            .ShouldBe("L/OH5YylLD5NRKLltdqwSvS0BnU=");

    [Fact]
    public void IsValid_DocumentedVector_Verifies() =>
        TwilioSignature.IsValid("12345", new Uri("https://example.com/myapp.php?foo=1&bar=2"), DocumentedParameters, "L/OH5YylLD5NRKLltdqwSvS0BnU=").ShouldBeTrue();

    [Fact]
    public void IsValid_HttpsWithPort_AcceptsTheSignatureTwilioComputesWithoutIt()
    {
        var signature = TwilioSignature.Compute("12345", "https://example.com/myapp.php?foo=1&bar=2", DocumentedParameters);
        TwilioSignature.IsValid("12345", new Uri("https://example.com:8443/myapp.php?foo=1&bar=2"), DocumentedParameters, signature).ShouldBeTrue();
    }

    [Theory]
    [InlineData("L/OH5YylLD5NRKLltdqwSvS0BnU=", "54321")]
    [InlineData("AAAAYylLD5NRKLltdqwSvS0BnU=", "12345")]
    [InlineData("", "12345")]
    [InlineData(null, "12345")]
    [InlineData("L/OH5YylLD5NRKLltdqwSvS0BnU=", "")]
    public void IsValid_WrongSignatureOrToken_Fails(string? signature, string token) =>
        TwilioSignature.IsValid(token, new Uri("https://example.com/myapp.php?foo=1&bar=2"), DocumentedParameters, signature).ShouldBeFalse();

    [Fact]
    public void IsValid_TamperedParameter_Fails()
    {
        var tampered = DocumentedParameters.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "9999") : p).ToArray();
        TwilioSignature.IsValid("12345", new Uri("https://example.com/myapp.php?foo=1&bar=2"), tampered, "L/OH5YylLD5NRKLltdqwSvS0BnU=").ShouldBeFalse();
    }
}

using System.Security.Cryptography;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>Sealed secrets open only under their key and in their own row and property; secrets stored before encryption read as they are.</summary>
public class WebhookSecretCipherTests
{
    private static readonly WebhookSecretCipher Cipher = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Seal_ThenOpen_TheSecretAgainAndNeverItsText()
    {
        var sealedOnce = Cipher.Seal("whsec_abc", "we_1|Secret")!;
        var sealedTwice = Cipher.Seal("whsec_abc", "we_1|Secret")!;

        Cipher.Open(sealedOnce, "we_1|Secret").ShouldBe("whsec_abc");
        WebhookSecretCipher.IsSealed(sealedOnce).ShouldBeTrue();
        sealedOnce.ShouldStartWith("enc1.");
        sealedOnce.ShouldNotContain("abc");
        sealedTwice.ShouldNotBe(sealedOnce);
    }

    [Fact]
    public void Open_StoredBeforeEncryption_ReadAsItIs()
    {
        Cipher.Open("whsec_plain", "we_1|Secret").ShouldBe("whsec_plain");
        WebhookSecretCipher.None.Open("whsec_plain", "we_1|Secret").ShouldBe("whsec_plain");
        Cipher.Open(null, "we_1|PreviousSecret").ShouldBeNull();
    }

    [Fact]
    public void Open_CopiedToAnotherRowOrChanged_Throws()
    {
        var sealedSecret = Cipher.Seal("whsec_abc", "we_1|Secret")!;
        var flipped = sealedSecret[..^3] + (sealedSecret[^3] == 'A' ? 'B' : 'A') + sealedSecret[^2..];

        Should.Throw<CryptographicException>(() => Cipher.Open(sealedSecret, "we_2|Secret"));
        Should.Throw<CryptographicException>(() => Cipher.Open(flipped, "we_1|Secret"));
    }

    [Fact]
    public void Open_UnderAnotherKeyOrNone_ThrowsNamingTheKeys()
    {
        var sealedSecret = Cipher.Seal("whsec_abc", "we_1|Secret")!;
        var keyId = sealedSecret.Split('.')[1];

        Should.Throw<InvalidOperationException>(() => new WebhookSecretCipher(RandomNumberGenerator.GetBytes(32)).Open(sealedSecret, "we_1|Secret")).Message.ShouldContain(keyId);
        Should.Throw<InvalidOperationException>(() => WebhookSecretCipher.None.Open(sealedSecret, "we_1|Secret")).Message.ShouldContain("not set");
    }

    [Fact]
    public void Seal_WithoutAKey_StoresTheSecretAsItIs() =>
        WebhookSecretCipher.None.Seal("whsec_abc", "we_1|Secret").ShouldBe("whsec_abc");

    [Theory]
    [InlineData("c2hvcnQ=", false)]
    [InlineData("not base64!", false)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/webhook-secrets-key/)", true)]
    [InlineData("", true)]
    public void Settings_SecretKey_ValidatedAsBase64Of32BytesAndAnUnresolvedReferenceIsUnset(string value, bool valid)
    {
        var settings = new WebhooksOutSettings { SecretKey = value };

        settings.Problems().Any().ShouldBe(!valid);
        if (valid)
        {
            settings.ToCipher().Encrypts.ShouldBeFalse();
        }
    }

    [Fact]
    public void Settings_SecretKeyOf32Bytes_Encrypts() =>
        new WebhooksOutSettings { SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }.ToCipher().Encrypts.ShouldBeTrue();
}

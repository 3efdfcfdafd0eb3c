using System.Net;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

public class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.8.9.10", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("0.0.0.0", "an unspecified address (0.0.0.0/8)")]
    [InlineData("::", "an unspecified address (::)")]
    [InlineData("10.0.0.1", "a private address (10.0.0.0/8)")]
    [InlineData("172.16.0.1", "a private address (172.16.0.0/12)")]
    [InlineData("172.31.255.255", "a private address (172.16.0.0/12)")]
    [InlineData("192.168.0.1", "a private address (192.168.0.0/16)")]
    [InlineData("::ffff:192.168.0.1", "a private address (192.168.0.0/16)")]
    [InlineData("100.64.0.1", "a shared address (100.64.0.0/10)")]
    [InlineData("169.254.169.254", "a link-local address (169.254.0.0/16, where cloud metadata services answer)")]
    [InlineData("fe80::1", "a link-local address (fe80::/10)")]
    [InlineData("fc00::1", "a unique-local address (fc00::/7)")]
    [InlineData("fd00:ec2::254", "a unique-local address (fc00::/7)")]
    [InlineData("ff02::1", "a multicast address (ff00::/8)")]
    [InlineData("224.0.0.1", "a multicast or reserved address (224.0.0.0/3)")]
    [InlineData("64:ff9b::a9fe:a9fe", "a link-local address (169.254.0.0/16, where cloud metadata services answer)")]
    public void Refusal_NotPublic_SaysWhy(string address, string reason) =>
        WebhookAddresses.Refusal(IPAddress.Parse(address)).ShouldBe(reason);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void Refusal_Public_IsNull(string address) =>
        WebhookAddresses.Refusal(IPAddress.Parse(address)).ShouldBeNull();
}

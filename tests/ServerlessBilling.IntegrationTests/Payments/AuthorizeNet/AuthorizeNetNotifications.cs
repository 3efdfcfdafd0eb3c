using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

/// <summary>Authorize.Net webhook bodies as Authorize.Net sends them, and the signed POST to our route.</summary>
public static class AuthorizeNetNotifications
{
    /// <param name="eventType">e.g. <c>net.authorize.payment.refund.created</c>.</param>
    /// <param name="transId">The transaction the event is about (<c>payload.id</c>).</param>
    public static string Payment(string eventType, string transId, decimal amount, string? notificationId = null) => new JsonObject
    {
        ["notificationId"] = notificationId ?? Guid.NewGuid().ToString(),
        ["eventType"] = eventType,
        ["eventDate"] = "2026-09-03T14:12:54.0125Z",
        ["webhookId"] = "0b7f0e5b-8f3c-4a2c-9d47-5c7d7b2f1e10",
        ["payload"] = new JsonObject
        {
            ["responseCode"] = 1,
            ["authCode"] = "AB12CD",
            ["avsResponse"] = "Y",
            ["authAmount"] = amount,
            ["entityName"] = "transaction",
            ["id"] = transId,
        },
    }.ToJsonString();

    /// <summary><c>X-ANET-Signature: sha512=</c> and the upper-case hex HMAC-SHA512 of the body, as Authorize.Net sends it.</summary>
    public static string Signature(string body, string signatureKey) =>
        "sha512=" + Convert.ToHexString(HMACSHA512.HashData(Encoding.UTF8.GetBytes(signatureKey), Encoding.UTF8.GetBytes(body)));

    public static HttpRequestMessage SignedPost(string body, string signatureKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/" + AuthorizeNetWebhookFunction.Route)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(AuthorizeNetWebhook.SignatureHeader, Signature(body, signatureKey));
        return request;
    }
}

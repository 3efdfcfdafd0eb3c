using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

/// <summary>The API calls the gateway makes, each under the server's lock.</summary>
public sealed partial class AuthorizeNetTestServer
{
    /// <summary>Authorize.Net's duplicate window when a request sets none.</summary>
    private const int DefaultDuplicateWindowSeconds = 120;

    private JsonObject CreateCustomer(JsonObject body)
    {
        var merchantId = Text(body["profile"]?["merchantCustomerId"]) ?? "";
        if (customersByMerchantId.TryGetValue(merchantId, out var existing))
        {
            return Refused("E00039", $"A duplicate record with ID {existing} already exists.");
        }

        var id = Next();
        customersByMerchantId[merchantId] = id;
        return Ok(new JsonObject { ["customerProfileId"] = id });
    }

    private JsonObject CreatePaymentProfile(JsonObject body)
    {
        var customer = Text(body["customerProfileId"]) ?? "";
        var opaque = body["paymentProfile"]?["payment"]?["opaqueData"];
        if (Text(opaque?["dataDescriptor"]) != AuthorizeNetPaymentGateway.AcceptDescriptor || Text(opaque?["dataValue"]) is not { } nonce)
        {
            return Refused("E00003", "The payment profile must carry Accept.js opaque data.");
        }

        if (profilesByNonce.TryGetValue(nonce, out var existing))
        {
            return Refused("E00039", "A duplicate customer payment profile already exists.", new JsonObject { ["customerPaymentProfileId"] = existing });
        }

        var id = Next();
        profilesByNonce[nonce] = id;
        paymentProfiles[id] = (customer, nonce.Contains("echeck", StringComparison.OrdinalIgnoreCase));
        return Ok(new JsonObject { ["customerProfileId"] = customer, ["customerPaymentProfileId"] = id });
    }

    private JsonObject GetPaymentProfile(JsonObject body)
    {
        var id = Text(body["customerPaymentProfileId"]) ?? "";
        if (!paymentProfiles.TryGetValue(id, out var profile) || profile.CustomerProfileId != Text(body["customerProfileId"]))
        {
            return Refused("E00040", "The record cannot be found.");
        }

        var payment = profile.IsECheck
            ? new JsonObject { ["bankAccount"] = new JsonObject { ["accountType"] = "checking", ["accountNumber"] = "XXXX6789", ["bankName"] = "First Local Bank" } }
            : new JsonObject { ["creditCard"] = new JsonObject { ["cardNumber"] = $"XXXX{cardEndings.GetValueOrDefault(id, "1111")}", ["expirationDate"] = "XXXX", ["cardType"] = "Visa" } };
        return Ok(new JsonObject { ["paymentProfile"] = new JsonObject { ["customerPaymentProfileId"] = id, ["payment"] = payment } });
    }

    private (JsonObject Answer, bool LoseAnswer) CreateTransaction(JsonObject body)
    {
        var request = body["transactionRequest"]!;
        var amount = decimal.Parse(Text(request["amount"])!, CultureInfo.InvariantCulture);
        var customer = Text(request["profile"]?["customerProfileId"]);
        var profileId = Text(request["profile"]?["paymentProfile"]?["paymentProfileId"]);
        var invoiceNumber = Text(request["order"]?["invoiceNumber"]);
        var window = (request["transactionSettings"]?["setting"] as JsonArray ?? [])
            .Where(s => Text(s?["settingName"]) == "duplicateWindow")
            .Select(s => int.Parse(Text(s?["settingValue"])!, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(DefaultDuplicateWindowSeconds).First();
        if (Text(request["transactionType"]) != "authCaptureTransaction" || profileId is null || !paymentProfiles.TryGetValue(profileId, out var profile))
        {
            return (Refused("E00003", "Only authCaptureTransaction of a stored payment profile is supported here."), false);
        }

        var now = DateTime.UtcNow;
        if (transactions.Any(t => t.Type == "authCaptureTransaction" && t.PaymentProfileId == profileId && t.Amount == amount
            && t.InvoiceNumber == invoiceNumber && now - t.SubmittedUtc < TimeSpan.FromSeconds(window)))
        {
            return (TransactionAnswer("3", "0", "11", "A duplicate transaction has been submitted.", Text(body["refId"]), profile.IsECheck), false);
        }

        var outcome = Dequeue(profileId) ?? AnetOutcome.Approve();
        var made = new AnetTransaction(Next(), "authCaptureTransaction", amount, customer, profileId, invoiceNumber,
            Text(request["order"]?["description"]), outcome.ResponseCode, outcome.ReasonCode, profile.IsECheck, now);
        transactions.Add(made);
        var text = outcome.ResponseCode switch
        {
            "1" => "This transaction has been approved.",
            "4" => "The transaction is under review.",
            "2" => "This transaction has been declined.",
            _ => "An error occurred during processing.",
        };
        return (TransactionAnswer(outcome.ResponseCode, made.TransId, outcome.ReasonCode, text, Text(body["refId"]), profile.IsECheck), outcome.LoseAnswer);
    }

    /// <summary>The profile's script, else the script of the nonce it was stored from, else <see cref="AnyProfile"/>'s.</summary>
    private AnetOutcome? Dequeue(string profileId)
    {
        var nonce = profilesByNonce.FirstOrDefault(p => p.Value == profileId).Key;
        foreach (var key in new[] { profileId, nonce, AnyProfile })
        {
            if (key is not null && scripts.TryGetValue(key, out var queue) && queue.TryDequeue(out var outcome))
            {
                return outcome;
            }
        }

        return null;
    }

    private static JsonObject TransactionAnswer(string responseCode, string transId, string reason, string text, string? refId, bool isECheck)
    {
        var transaction = new JsonObject
        {
            ["responseCode"] = responseCode,
            ["authCode"] = responseCode == "1" ? "AB12CD" : "",
            ["transId"] = transId,
            ["accountNumber"] = isECheck ? "XXXX6789" : "XXXX1111",
            ["accountType"] = isECheck ? "eCheck" : "Visa",
        };
        if (responseCode is "1" or "4")
        {
            transaction["messages"] = new JsonArray(new JsonObject { ["code"] = reason, ["description"] = text });
        }
        else
        {
            transaction["errors"] = new JsonArray(new JsonObject { ["errorCode"] = reason, ["errorText"] = text });
        }

        var answer = new JsonObject { ["transactionResponse"] = transaction, ["refId"] = refId };
        return responseCode is "1" or "4" ? Ok(answer) : Refused("E00027", "The transaction was unsuccessful.", answer);
    }

    private JsonObject UnsettledList() => Ok(new JsonObject
    {
        ["transactions"] = new JsonArray([.. transactions.OrderByDescending(t => t.SubmittedUtc).Select(t => (JsonNode)new JsonObject
        {
            ["transId"] = t.TransId,
            ["submitTimeUTC"] = t.SubmittedUtc.ToString("O", CultureInfo.InvariantCulture),
            ["transactionStatus"] = t.Status,
            ["invoiceNumber"] = t.InvoiceNumber,
            ["accountType"] = t.IsECheck ? "eCheck" : "Visa",
            ["settleAmount"] = t.Amount,
            ["profile"] = new JsonObject { ["customerProfileId"] = t.CustomerProfileId, ["customerPaymentProfileId"] = t.PaymentProfileId },
        })]),
        ["totalNumInResultSet"] = transactions.Count,
    });

    private JsonObject Details(JsonObject body)
    {
        var transId = Text(body["transId"]);
        if (transactions.FirstOrDefault(t => t.TransId == transId) is not { } t)
        {
            return Refused("E00040", "The record cannot be found.");
        }

        var details = new JsonObject
        {
            ["transId"] = t.TransId,
            ["refTransId"] = t.RefTransId,
            ["transactionType"] = t.Type,
            ["transactionStatus"] = t.Status,
            ["responseCode"] = int.Parse(t.ResponseCode, CultureInfo.InvariantCulture),
            ["responseReasonCode"] = int.Parse(t.ReasonCode, CultureInfo.InvariantCulture),
            ["authAmount"] = t.Amount,
            ["settleAmount"] = t.Amount,
            ["order"] = new JsonObject { ["invoiceNumber"] = t.InvoiceNumber, ["description"] = t.Description },
            ["payment"] = t.IsECheck
                ? new JsonObject { ["bankAccount"] = new JsonObject { ["accountNumber"] = "XXXX6789" } }
                : new JsonObject { ["creditCard"] = new JsonObject { ["cardNumber"] = "XXXX1111", ["cardType"] = "Visa" } },
        };
        if (t.UserFields is { } fields)
        {
            // A hosted page's transaction: its merchant-defined fields and the profile it used or saved, as Authorize.Net reports them.
            details["profile"] = new JsonObject { ["customerProfileId"] = t.CustomerProfileId, ["customerPaymentProfileId"] = t.PaymentProfileId };
            details["userFields"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Key, ["value"] = f.Value })]);
        }

        return Ok(new JsonObject { ["transaction"] = details });
    }
}

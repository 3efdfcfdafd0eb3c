using System.Globalization;
using System.Text.Json.Nodes;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>The Stripe objects the server answers with, in the shape of Stripe's API (only the fields Stripe.net needs).</summary>
public sealed partial class StripeTestServer
{
    private (int, JsonObject) Customer(string id, Dictionary<string, string> form) => (200, new JsonObject
    {
        ["id"] = id,
        ["object"] = "customer",
        ["name"] = form.GetValueOrDefault("name"),
        ["metadata"] = Metadata(form),
        ["invoice_settings"] = new JsonObject { ["default_payment_method"] = form.GetValueOrDefault("invoice_settings[default_payment_method]") },
    });

    private (int, JsonObject) Attach(string id, Dictionary<string, string> form)
    {
        if (missing.Contains(id))
        {
            return (500, new JsonObject { ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = $"An error occurred while attaching PaymentMethod '{id}'." } });
        }

        if (refusedOnce.Remove(id))
        {
            return (400, new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = "resource_missing", ["message"] = $"No such PaymentMethod: '{id}'" } });
        }

        var method = methods.GetValueOrDefault(id) ?? StripeTestMethod.Card();
        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_method",
            ["type"] = method.Type,
            ["customer"] = form.GetValueOrDefault("customer"),
        };
        body[method.Type] = method.Type == "card"
            ? new JsonObject { ["brand"] = method.Name, ["display_brand"] = method.Name, ["last4"] = method.Last4 }
            : new JsonObject { ["bank_name"] = method.Name, ["last4"] = method.Last4 };
        return (200, body);
    }

    private (int, JsonObject) CreatePaymentIntent(Dictionary<string, string> form)
    {
        var methodId = form.GetValueOrDefault("payment_method") ?? "";
        var outcome = NextOutcome(methodId);
        if (outcome is StripeOutcome.Failed)
        {
            return (500, new JsonObject { ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "An unknown error occurred." } });
        }

        var intent = new StripeTestPaymentIntent(
            $"pi_{Next()}", long.Parse(form["amount"], CultureInfo.InvariantCulture), form["currency"],
            form.GetValueOrDefault("customer") ?? "", methodId, MetadataOf(Metadata(form)));
        intents[intent.Id] = intent;
        return outcome switch
        {
            StripeOutcome.Succeeded => (200, IntentJson(intent, "succeeded")),
            StripeOutcome.Pending => (200, IntentJson(intent, "processing")),
            StripeOutcome.ActionRequired action => (200, IntentJson(intent, "requires_action", nextAction: NextAction(action.Url))),
            StripeOutcome.Declined decline => (402, DeclineJson(intent, decline)),
            _ => throw new InvalidOperationException($"Unscripted outcome {outcome}."),
        };
    }

    private StripeOutcome NextOutcome(string methodId)
    {
        foreach (var key in new[] { methodId, AnyMethod })
        {
            if (scripts.TryGetValue(key, out var queue) && queue.TryDequeue(out var outcome))
            {
                return outcome;
            }
        }

        return StripeOutcome.Succeed();
    }

    private static JsonObject NextAction(string? url) => url is null
        ? new JsonObject { ["type"] = "use_stripe_sdk", ["use_stripe_sdk"] = new JsonObject() }
        : new JsonObject { ["type"] = "redirect_to_url", ["redirect_to_url"] = new JsonObject { ["url"] = url, ["return_url"] = null } };

    private static JsonObject DeclineJson(StripeTestPaymentIntent intent, StripeOutcome.Declined decline)
    {
        JsonObject Error() => new()
        {
            ["type"] = "card_error",
            ["code"] = decline.Code,
            ["decline_code"] = decline.DeclineCode,
            ["advice_code"] = decline.AdviceCode,
            ["message"] = $"The card was declined ({decline.DeclineCode}).",
        };
        var error = Error();
        error["payment_intent"] = IntentJson(intent, "requires_payment_method", lastPaymentError: Error());
        return new JsonObject { ["error"] = error };
    }

    /// <summary>A PaymentIntent as the API (and its webhook events) show it.</summary>
    internal static JsonObject IntentJson(StripeTestPaymentIntent intent, string status, JsonObject? nextAction = null, JsonObject? lastPaymentError = null)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in intent.Metadata)
        {
            metadata[key] = value;
        }

        return new JsonObject
        {
            ["id"] = intent.Id,
            ["object"] = "payment_intent",
            ["amount"] = intent.Amount,
            ["amount_received"] = status == "succeeded" ? intent.Amount : 0,
            ["currency"] = intent.Currency,
            ["customer"] = intent.CustomerId,
            ["payment_method"] = intent.PaymentMethodId,
            ["status"] = status,
            ["metadata"] = metadata,
            ["next_action"] = nextAction,
            ["last_payment_error"] = lastPaymentError,
        };
    }
}

using Microsoft.AspNetCore.Http;
using Named = ServerlessBilling.ResourceIds.Named;

namespace ServerlessBilling.Functions.Http;

/// <summary>The ids a route names, each with the rule it must follow (<see cref="IdRule"/>), checked before a function reads or writes anything.</summary>
/// <remarks>The host has decoded each route value once; the rules admit no <c>%</c>, so a value still escaped after that is
/// refused instead of naming a second spelling of an id. Function classes start with
/// <c>if (RouteIds.Refuse(RouteIds.Account(accountId)) is { } refused) return refused;</c>.</remarks>
public static class RouteIds
{
    /// <summary>400 naming every route parameter whose value breaks its rule; null when all are valid.</summary>
    public static IResult? Refuse(params ReadOnlySpan<Named> ids) =>
        ResourceIds.Validate(ids) is { } problem ? ProblemResults.From(problem) : null;

    public static Named Account(string? accountId) => new("accountId", accountId, IdRule.AccountId);

    public static Named Plan(string? planId) => new("planId", planId, IdRule.Id);

    public static Named Invoice(string? invoiceId) => new("invoiceId", invoiceId, IdRule.Id);

    public static Named CreditNote(string? creditNoteId) => new("creditNoteId", creditNoteId, IdRule.Id);

    public static Named Number(string? number) => new("number", number, IdRule.PhoneNumber);

    public static Named Vendor(string? vendor) => new("vendor", vendor, IdRule.SourceName);

    public static Named Agent(string? agentId) => new("agentId", agentId, IdRule.Id);

    /// <summary>A vendor's product a cost plan prices (<c>voice</c>, <c>voice-agent</c>).</summary>
    public static Named Product(string? product) => new("product", product, IdRule.SourceName);

    /// <summary>A statement's month (<c>2026-11</c>); that it is a month is the reconciliation's check.</summary>
    public static Named Month(string? month) => new("month", month, IdRule.Id);

    public static Named Source(string? source) => new("source", source, IdRule.SourceName);

    public static Named PeriodStart(string? periodStart) => new("periodStart", periodStart, IdRule.Date);

    public static Named Date(string? date) => new("date", date, IdRule.Date);

    public static Named FileName(string? name) => new("name", name, IdRule.FileName);

    /// <summary>A query parameter that keys what it writes (a re-rating run).</summary>
    public static Named RunId(string? runId) => new("runId", runId, IdRule.Id);

    /// <summary>An API key's id (the 8 hex digits after <c>sb_live_</c>).</summary>
    public static Named ApiKey(string? keyId) => new("keyId", keyId, IdRule.Id);

    /// <summary>A webhook endpoint (<c>we_</c> and hex digits, as registration gives it).</summary>
    public static Named WebhookEndpoint(string? endpointId) => new("endpointId", endpointId, IdRule.Id);

    /// <summary>One delivery of an event to a webhook endpoint (<c>dlv_</c> and hex digits, as the log shows it).</summary>
    public static Named Delivery(string? deliveryId) => new("deliveryId", deliveryId, IdRule.Id);

    /// <summary>A gateway migration import (<c>mig-...</c>).</summary>
    public static Named PaymentMigration(string? importId) => new("importId", importId, IdRule.Id);

    public static Named DocumentName(string? name) => new("name", name, IdRule.DocumentName);
}

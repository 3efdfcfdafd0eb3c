using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Payments.Migrations;

namespace ServerlessBilling.Functions.Payments;

/// <summary><c>POST /api/payment-migrations?from=authorizenet&amp;to=stripe</c> imports the processor's migration mapping (CSV) and moves
/// each account it names to the new gateway's customer and method; <c>GET /api/payment-migrations/{importId}</c> reads the result again.</summary>
public sealed class PaymentMigrationsApi(PaymentMigrations migrations)
{
    /// <summary>The largest mapping read: about 80,000 lines of four ids.</summary>
    private const int MappingLimitBytes = 8 * 1024 * 1024;

    [ApiOperation("Payments", "Move accounts to another gateway from the processor's migration mapping",
        Description = "A CSV with the columns old_customer_id, old_payment_method_id, new_customer_id and new_payment_method_id; each line is Migrated, AlreadyMigrated, Skipped, Rejected or Failed (the new gateway's API failed; import again to retry), with the reason naming the field and line.",
        RequestMediaType = "text/csv",
        Response = typeof(PaymentMigration),
        Status = StatusCodes.Status201Created,
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge],
        Query = ["from: the gateway the accounts leave (authorizenet or stripe)", "to: the gateway they move to"])]
    [Function("ImportPaymentMigration")]
    public async Task<IResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payment-migrations")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, MappingLimitBytes, cancellationToken) is not { } body)
        {
            return ProblemResults.TooLarge(MappingLimitBytes);
        }

        using var csv = new StreamReader(new MemoryStream(body), Encoding.UTF8);
        var imported = await migrations.ImportAsync(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), csv, cancellationToken);
        return imported.ToResult(migration => Results.Created($"/api/payment-migrations/{migration.ImportId}", migration));
    }

    [ApiOperation("Payments", "Read a gateway migration import and every line's outcome",
        Response = typeof(PaymentMigration),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetPaymentMigration")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment-migrations/{importId}")] HttpRequest request,
        string importId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.PaymentMigration(importId)) is { } refused)
        {
            return refused;
        }

        return (await migrations.FindAsync(importId, cancellationToken)).ToResult(Results.Ok);
    }
}

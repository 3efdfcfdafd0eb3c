using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Functions.Api;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Functions.Console;

/// <summary>What releases a close held for tax data, in the console: the tax table's page, and its upload (admin sessions), which stores
/// the document as <c>PUT /api/tax-tables/{name}</c> does, wakes the held closes and writes the same audit record (<see cref="TaxTableSaveLog"/>).</summary>
public sealed class ConsoleTaxTablePages(ConsoleGate gate, ITaxTableStore tables, ConsoleMessages messages, ILogger<ConsoleTaxTablePages> logger)
{
    private const int DocumentLimitBytes = 1024 * 1024;

    [ApiOperation("Console", "Reseller console: a tax table and the closes held for it",
        Description = "Needs a console session; without one, the sign-in form (401). A name that is not a document name is not found (404).", Files = ["text/html"])]
    [Function("GetConsoleTaxTable")]
    public async Task<IResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/tax-tables/{name}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string name,
        CancellationToken cancellationToken)
    {
        var admission = gate.Admit(request);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        return IdRule.DocumentName.Accepts(name)
            ? ConsolePage.Html(await PageAsync(view, client, name, null, cancellationToken))
            : messages.NotFound($"The tax table '{name}'");
    }

    [ApiOperation("Console", "Reseller console: upload a tax table", Files = ["text/html"], RequestMediaType = "multipart/form-data",
        Description = "A form post with the session's form token (`csrf`) and `document` (JSON, up to 1 MB), from an admin session: validated and stored as `PUT /api/tax-tables/{name}` does, then the closes held for tax data are woken. A rejected document answers the page with its problems (400) and changes nothing. A read-only session, or a post without the token, is refused (403).")]
    [Function("ConsoleUploadTaxTable")]
    public async Task<IResult> Upload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/tax-tables/{name}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string name,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: true, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        if (!IdRule.DocumentName.Accepts(name))
        {
            return messages.NotFound($"The tax table '{name}'");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("document") is not { Length: > 0 and <= DocumentLimitBytes } file)
        {
            return ConsolePage.Html(await PageAsync(view, client, name, [$"{name}: choose a JSON document of up to {DocumentLimitBytes / 1024} KB"], cancellationToken), StatusCodes.Status400BadRequest);
        }

        using var body = new MemoryStream();
        await file.CopyToAsync(body, cancellationToken);
        try
        {
            var written = await tables.SetAsync(name, body.ToArray(), null, cancellationToken);
            var woken = await new HeldCycleCloses(client).WakeAsync(name, cancellationToken);
            TaxTableSaveLog.Stored(logger, name, written.Value, ConsoleQuotePages.AuditCaller(view.Session.Caller),
                $"the console ({view.Session.Role.ToString().ToLowerInvariant()} session)", woken);
            return ConsolePage.Html(TaxTablePage.Stored(view, name, written.Value.Table.Rules.Count, woken));
        }
        catch (InvalidTaxTableException rejected)
        {
            return ConsolePage.Html(await PageAsync(view, client, name, rejected.Problems, cancellationToken), StatusCodes.Status400BadRequest);
        }
    }

    private async Task<string> PageAsync(ConsoleView view, DurableTaskClient client, string name, IReadOnlyList<string>? problems, CancellationToken cancellationToken)
    {
        var found = await tables.FindVersionedAsync(name, cancellationToken);
        var held = (await new HeldCycleCloses(client).ListAsync(cancellationToken)).Where(h => h.Hold.Missing.Any(n => n.Table == name)).ToList();
        return TaxTablePage.Render(view, name, found is null ? null : Encoding.UTF8.GetString(found.Content.Span), found?.Version, held, problems);
    }
}

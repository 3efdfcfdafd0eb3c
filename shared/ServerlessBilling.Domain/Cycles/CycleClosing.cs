using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Cycles;

/// <summary>The steps of closing a period, each idempotent by its business key so a retried or re-run step changes nothing.</summary>
public sealed class CycleClosing(
    IAccountDirectory accounts,
    PeriodPricing pricing,
    IInvoiceStore invoices,
    IInvoiceNumbers numbers,
    IInvoiceRenderer renderer,
    IOutbox outbox,
    IClock clock,
    AdjustmentBilling adjustments,
    TaxDataOptions taxData,
    DocumentAccess? links = null,
    DraftedReads? drafted = null,
    StartedCloses? started = null)
{
    private readonly InvoiceIssuing issuing = new(invoices, renderer, outbox, links);

    /// <summary>Builds (or rebuilds) the draft from the period's rated usage; a final invoice is returned as it is.</summary>
    /// <remarks>
    /// The draft is <see cref="PeriodPricing"/>'s invoice: a parent that consolidates its locations gets one draft with their
    /// lines too (<see cref="GroupInvoice"/>), with the account's pending adjustments. A draft
    /// with a missing tax rate is stored but comes back with <see cref="InvoiceSummary.AwaitingTaxData"/> when
    /// <see cref="TaxDataOptions.MissingRate"/> holds, and the hold is announced once per gap (<c>cycle.awaiting_tax_data</c>).
    /// </remarks>
    public async Task<InvoiceSummary> DraftAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        // A close whose start this process has just recorded: the account its start was decided from (StartedCloses).
        var firstRun = started?.TakeFirstRun(request.InstanceId);
        var account = firstRun?.Account ?? await accounts.FindAsync(request.AccountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account '{request.AccountId}' does not exist.");
        var period = PeriodOf(request, account);

        // Announced by the close's first step rather than by the start, so a start that crashed after writing its
        // ledger row still announces itself once the close runs; the event id makes a retried step add nothing.
        await outbox.AddAsync(DomainEvent.Create(DomainEvent.CycleStarted, request.InstanceId, clock.GetCurrentInstant(), account.Id,
            new CycleStartedData(account.Id, request.PeriodStart, request.InstanceId)), cancellationToken);
        // Only the final invoice matters here (a draft is built again): one read, not the final's and then the draft's; none for a
        // close whose start this process has just recorded, which cannot have issued its invoice yet.
        var existing = firstRun is not null
            ? null
            : await invoices.FindFinalAsync(account.Id, Invoice.IdFor(account.Id, period), cancellationToken);
        if (existing is { IsFinal: true })
        {
            return Summarize(existing);
        }

        var (draft, plan, usage) = await pricing.PricedAsync(account, period, cancellationToken, firstRun?.Plan, listAdjustments: firstRun?.NoUnbilledAdjustments != true);
        await invoices.SaveDraftAsync(draft, cancellationToken);
        drafted?.Put(draft.Id, account, plan, draft, usage);
        if (taxData.Holding(draft.TaxNotices) is not { Count: > 0 } missing)
        {
            return Summarize(draft);
        }

        var hold = TaxDataHold.For(missing, taxData);
        await outbox.AddAsync(DomainEvent.Create(DomainEvent.CycleAwaitingTaxData, $"{request.InstanceId}:{hold.Key}", clock.GetCurrentInstant(), account.Id,
            new CycleAwaitingTaxDataData(account.Id, request.PeriodStart, request.InstanceId, draft.Id, missing)), cancellationToken);
        return Summarize(draft) with { AwaitingTaxData = hold };
    }

    public Task<string> AssignNumberAsync(string invoiceId, CancellationToken cancellationToken) =>
        numbers.AssignAsync(invoiceId, cancellationToken);

    /// <summary>Gives the draft its number and dates, commits its taxes at a tax service that reports them, renders the PDF (with its summary per number) and the usage-detail CSV and stores all three; a second call returns the first result.</summary>
    /// <remarks>The committed taxes are compared with the invoice's per location and kind (<see cref="TaxCommitCheck"/>). A
    /// difference is a <see cref="TaxNoticeReason.CommitDiffers"/> notice: under <see cref="MissingTaxRate.Hold"/> nothing is
    /// issued or settled, the close comes back with <see cref="InvoiceSummary.AwaitingTaxData"/> (announced once) and drafts
    /// again at the service's current rates, keeping its number; under <see cref="MissingTaxRate.Warn"/> the invoice is issued
    /// with the notice printed on it.</remarks>
    /// <param name="issued">Run with the account and the final invoice once it is issued (or found issued by an earlier attempt), so the
    /// caller's next step (opening its collection) reads neither again; null: nothing.</param>
    public async Task<InvoiceSummary> FinalizeAsync(
        string accountId, string invoiceId, string number, Instant issuedAt, CancellationToken cancellationToken,
        Func<Account, Invoice, CancellationToken, Task>? issued = null)
    {
        // The draft and the account and plan it was priced from, when this process drafted it a moment ago (DraftedReads); else read.
        // Taken once, so an attempt after one that may have issued it reads the final from storage.
        var priced = drafted?.TakeAll(invoiceId);
        var account = priced?.Account ?? await accounts.FindAsync(accountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account '{accountId}' does not exist.");
        var invoice = priced?.Draft ?? await invoices.FindAsync(accountId, invoiceId, cancellationToken)
            ?? throw new InvalidOperationException($"Invoice '{invoiceId}' has no draft.");
        var issuedBefore = invoice.IsFinal;
        if (!issuedBefore)
        {
            invoice = invoice.Finalize(number, issuedAt.InZone(account.Billing.Zone).Date, account.Billing.NetTermsDays);
        }

        // Committed on every run of this step, even for an invoice already final: a run that crashed after the commit runs again,
        // and the committer voids the earlier commit before committing (one transaction per number). Before the adjustments are
        // settled, so a close held here drafts again with them still pending.
        var committed = await pricing.CommitTaxesAsync(account, invoice.Period, number, cancellationToken);
        if (!issuedBefore && committed is not null && TaxCommitCheck.Differences(invoice, committed) is { Count: > 0 } differences)
        {
            invoice = invoice with { TaxNotices = [.. invoice.TaxNotices, .. differences] };
            if (taxData.Holding(differences) is { Count: > 0 } held)
            {
                return await HoldAsync(invoice, held, cancellationToken);
            }
        }

        // Before the final JSON is stored: once the invoice is final, what it billed is marked billed.
        await adjustments.SettleAsync(invoice, issuedAt, cancellationToken);
        using var usageDetail = await UsageDetailAsync(account, invoice, priced?.Plan, priced?.Usage, cancellationToken);
        var documents = await issuing.IssueAsync(invoice, usageDetail, issuedAt, cancellationToken);
        if (issued is not null)
        {
            await issued(account, invoice, cancellationToken);
        }

        return Summarize(invoice) with { JsonDocument = documents.Json, PdfDocument = documents.Pdf, UsageCsvDocument = documents.UsageCsv, UsageXlsxDocument = documents.UsageXlsx };
    }

    /// <summary>A numbered invoice whose committed taxes differ: announced once per difference, returned unissued with the hold.</summary>
    private async Task<InvoiceSummary> HoldAsync(Invoice invoice, IReadOnlyList<TaxNotice> held, CancellationToken cancellationToken)
    {
        var hold = TaxDataHold.For(held, taxData);
        var request = new CycleRequest(invoice.AccountId, LocalDatePattern.Iso.Format(invoice.Period.Start));
        await outbox.AddAsync(DomainEvent.Create(DomainEvent.CycleAwaitingTaxData, $"{request.InstanceId}:{invoice.Number}:{hold.Key}", clock.GetCurrentInstant(),
            invoice.AccountId, new CycleAwaitingTaxDataData(invoice.AccountId, request.PeriodStart, request.InstanceId, invoice.Id, held)), cancellationToken);
        return Summarize(invoice) with { AwaitingTaxData = hold };
    }

    /// <summary>The period's usage is frozen once its close started, so this lists the same calls the draft was built from.</summary>
    /// <returns>The calls, which the PDF summarizes and the usage CSV, streamed into storage beside the invoice, lists.</returns>
    /// <param name="usage">The account's own usage its draft was priced from, when this process kept it (<see cref="DraftedReads"/>); null: queried.</param>
    private async Task<UsageDetail> UsageDetailAsync(
        Account account, Invoice invoice, PricePlan? plan, IReadOnlyList<RatedUsage>? usage, CancellationToken cancellationToken)
    {
        var period = invoice.Period;
        var own = await pricing.BillAsync(account, period, forDraft: false, cancellationToken, plan, usage);
        var locations = await pricing.LocationsAsync(account, period, cancellationToken);
        if (locations.Count == 0)
        {
            return UsageDetail.Of(period, account, own.Plan, own.Usage);
        }

        var bills = new List<LocationBill> { own };
        foreach (var child in locations)
        {
            bills.Add(await pricing.BillAsync(child, period, forDraft: false, cancellationToken));
        }

        return UsageDetail.Consolidated(period, bills);
    }

    private static BillingPeriod PeriodOf(CycleRequest request, Account account)
    {
        var start = LocalDatePattern.Iso.Parse(request.PeriodStart).GetValueOrThrow();
        var period = BillingPeriod.Containing(start, account.Billing.BillCycleDay);
        return period.Start == start
            ? period
            : throw new ArgumentException($"{request.PeriodStart} is not a period start for bill-cycle day {account.Billing.BillCycleDay}.", nameof(request));
    }

    private static InvoiceSummary Summarize(Invoice invoice) =>
        new(invoice.Id, invoice.AccountId, invoice.Number, invoice.Total.Amount, invoice.Currency, invoice.Lines.Count) { TaxNotices = invoice.TaxNotices };
}

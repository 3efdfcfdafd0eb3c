using System.Collections.Concurrent;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

public sealed class InMemoryReceivables : IReceivables
{
    private readonly ConcurrentDictionary<string, Receivable> rows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> links = new(StringComparer.Ordinal);

    public Task<Receivable?> FindAsync(string invoiceId, CancellationToken cancellationToken) => Task.FromResult(rows.GetValueOrDefault(invoiceId));

    public Task<Receivable> OpenAsync(Receivable receivable, CancellationToken cancellationToken) => Task.FromResult(rows.GetOrAdd(receivable.InvoiceId, receivable));

    public Task<Receivable> UpdateAsync(string invoiceId, Func<Receivable, Receivable> change, CancellationToken cancellationToken) =>
        Task.FromResult(rows.AddOrUpdate(invoiceId, _ => throw new KeyNotFoundException(invoiceId), (_, current) =>
        {
            var changed = change(current);
            ReceivableMoves.EnsureNotMoved(current, changed);
            return changed;
        }));

    public Task<IReadOnlyList<Receivable>> ListOpenAsync(string? accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Receivable>>([.. rows.Values.Where(r => r.Status == ReceivableStatus.Open && (accountId is null || r.AccountId == accountId)).OrderBy(r => r.InvoiceId, StringComparer.Ordinal)]);

    public Task<ListPage<Receivable>> ListPageAsync(InvoiceListFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(rows.Values.Where(filter.Matches), r => r.InvoiceId, page);

    public Task<ListPage<InvoicePayment>> ListPaymentsAsync(PaymentListFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(rows.Values.SelectMany(r => r.Entries.Where(e => filter.Matches(r, e)).Select(e => InvoicePayment.Of(r, e))), p => p.OrderKey, page);

    public Task LinkPaymentAsync(string paymentId, string invoiceId, CancellationToken cancellationToken)
    {
        links[paymentId] = invoiceId;
        return Task.CompletedTask;
    }

    public Task<string?> FindInvoiceOfPaymentAsync(string paymentId, CancellationToken cancellationToken) => Task.FromResult(links.GetValueOrDefault(paymentId));
}

/// <summary>Answers charges from a script, replaying the first answer for a repeated idempotency key as the gateway does.</summary>
public sealed class ScriptedGateway(params ChargeResult[] script) : IPaymentGateway
{
    private readonly Queue<ChargeResult> script = new(script);
    private readonly Dictionary<string, ChargeResult> byKey = new(StringComparer.Ordinal);

    public List<ChargeRequest> Charges { get; } = [];

    public Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken) => Task.FromResult($"cus_{accountId}");

    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentMethodOnFile(paymentMethodId, PaymentMethodKind.Card, "visa ••••4242"));

    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
        SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        if (!byKey.TryGetValue(request.IdempotencyKey, out var result))
        {
            Charges.Add(request);
            result = script.Dequeue() with { Amount = request.Amount };
            byKey[request.IdempotencyKey] = result;
        }

        return Task.FromResult(result);
    }
}

/// <summary>Adjustments per account as the table keeps them: added once and waiting, listed oldest first, billed on one invoice only.</summary>
public sealed class InMemoryPendingAdjustments : IPendingAdjustments
{
    public ConcurrentDictionary<string, PendingAdjustment> All { get; } = new(StringComparer.Ordinal);

    public Task AddAsync(PendingAdjustment adjustment, CancellationToken cancellationToken)
    {
        All.TryAdd(adjustment.Id, adjustment with { BilledOnInvoiceId = null });
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<PendingAdjustment>> ListForInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        [.. (await ListAsync(accountId, cancellationToken)).Where(a => a.BilledOnInvoiceId is null || a.BilledOnInvoiceId == invoiceId)];

    public Task<IReadOnlyList<PendingAdjustment>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PendingAdjustment>>([.. All.Values.Where(a => a.AccountId == accountId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlySet<string>?> ListAccountsWithUnbilledAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>?>(All.Values.Where(a => a.BilledOnInvoiceId is null).Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal));

    public Task MarkBilledAsync(string accountId, IReadOnlyCollection<string> adjustmentIds, string invoiceId, CancellationToken cancellationToken)
    {
        foreach (var id in adjustmentIds)
        {
            var adjustment = All.TryGetValue(id, out var found) && found.AccountId == accountId
                ? found
                : throw new KeyNotFoundException($"Account '{accountId}' has no adjustment '{id}'.");
            if (adjustment.BilledOnInvoiceId is { } billedOn && billedOn != invoiceId)
            {
                throw new InvalidOperationException($"Adjustment '{id}' of account '{accountId}' is billed on {billedOn}, not {invoiceId}.");
            }

            All[id] = adjustment with { BilledOnInvoiceId = invoiceId };
        }

        return Task.CompletedTask;
    }
}

/// <summary>Invoices by id as the blob store keeps them: drafts replaced, finals written once and found before the draft.</summary>
public sealed class InMemoryInvoices(params Invoice[] invoices) : IInvoiceStore
{
    private readonly ConcurrentDictionary<string, Invoice> finals = new(invoices.Select(i => KeyValuePair.Create(i.Id, i)), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Invoice> drafts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> usageCsvs = new(StringComparer.Ordinal);

    /// <summary>The final invoices.</summary>
    public IReadOnlyCollection<Invoice> All => [.. finals.Values];

    public Task SaveDraftAsync(Invoice draft, CancellationToken cancellationToken)
    {
        drafts[draft.Id] = draft;
        return Task.CompletedTask;
    }

    public Task<Invoice?> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        Task.FromResult(Of(accountId, finals, invoiceId) ?? Of(accountId, drafts, invoiceId));

    public async Task<InvoiceDocuments> SaveFinalAsync(Invoice invoice, ReadOnlyMemory<byte> pdf, Func<TextWriter, CancellationToken, Task> writeUsageCsv, CancellationToken cancellationToken)
    {
        if (!finals.ContainsKey(invoice.Id))
        {
            using var csv = new StringWriter();
            await writeUsageCsv(csv, cancellationToken);
            usageCsvs.TryAdd(invoice.Id, csv.ToString());
        }

        finals.TryAdd(invoice.Id, invoice);
        var name = $"invoices/{invoice.AccountId}/{invoice.Id}";
        return new InvoiceDocuments(name + ".json", name + ".pdf", name + ".usage.csv", name + ".usage.xlsx");
    }

    /// <summary>The usage-detail CSV stored beside a final invoice, by invoice id.</summary>
    public string UsageCsv(string invoiceId) => usageCsvs[invoiceId];

    private static Invoice? Of(string accountId, ConcurrentDictionary<string, Invoice> invoices, string invoiceId) =>
        invoices.TryGetValue(invoiceId, out var invoice) && invoice.AccountId == accountId ? invoice : null;
}

/// <summary>A renderer that fails its first <see cref="Failures"/> calls, as a crash part-way through a step would.</summary>
public sealed class FlakyRenderer : IInvoiceRenderer
{
    public int Failures { get; set; }

    public byte[] RenderPdf(Invoice invoice, UsageDetail usage) =>
        Failures-- > 0 ? throw new IOException("The renderer crashed.") : "%PDF-1.7"u8.ToArray();
}

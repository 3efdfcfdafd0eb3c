using ServerlessBilling.Invoicing;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Invoicing;

public class SequentialInvoiceNumbersContractTests : InvoiceNumbersContract
{
    protected override Task<IInvoiceNumbers> CreateAsync() => Task.FromResult<IInvoiceNumbers>(new SequentialNumbers());
}

public class SequentialCreditNoteNumbersContractTests : CreditNoteNumbersContract
{
    protected override Task<ICreditNoteNumbers> CreateAsync() => Task.FromResult<ICreditNoteNumbers>(new SequentialNumbers(InvoiceNumberFormat.CreditNotes));
}

using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

public sealed record ChargeInvoiceInput(CollectionRequest Request, int Attempt);

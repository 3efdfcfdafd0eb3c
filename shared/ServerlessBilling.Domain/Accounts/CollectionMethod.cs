namespace ServerlessBilling.Accounts;

public enum CollectionMethod
{
    ChargeAutomatically,
    SendInvoice,
}

namespace ServerlessBilling.Functions.Portal;

/// <summary>The portal's pages, as its navigation lists them.</summary>
public enum PortalSection
{
    Overview,
    Invoices,
    Usage,
    PaymentMethods,
    Locations,
}

namespace ServerlessBilling.Accounts;

/// <summary>Where the account's invoices are addressed; not the service address taxes read (<see cref="Account.ServiceAddress"/>).</summary>
/// <param name="Lines">Street lines, one to three, as printed.</param>
/// <param name="Region">State, province or county, where the country uses one.</param>
/// <param name="Country">ISO 3166-1 alpha-2, upper case (<c>US</c>, <c>GB</c>).</param>
public sealed record BillingAddress(IReadOnlyList<string> Lines, string City, string? Region, string? PostalCode, string Country);

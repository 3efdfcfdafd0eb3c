namespace ServerlessBilling.Accounts;

public sealed record PostalAddress(string Line1, string City, string Region, string PostalCode, string Country, string? Line2 = null);

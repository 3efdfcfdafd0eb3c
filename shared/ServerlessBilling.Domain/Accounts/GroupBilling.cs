namespace ServerlessBilling.Accounts;

/// <summary>How a parent account's child locations are invoiced.</summary>
public enum GroupBilling
{
    /// <summary>Each location gets its own invoice, as a stand-alone account would.</summary>
    Individual,

    /// <summary>One invoice for the parent and its locations, with a subtotal per location.</summary>
    Consolidated,
}

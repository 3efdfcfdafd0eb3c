namespace ServerlessBilling.Tax;

/// <summary>Why a notice was raised.</summary>
public enum TaxNoticeReason
{
    /// <summary>The rule applies to the customer but its table has no rate for the date (e.g. next quarter's USF factor is not loaded yet).</summary>
    NoRateForDate,

    /// <summary>An exemption document took the customer out of the rule.</summary>
    Exempt,

    /// <summary>A valid reseller certificate made the sale a sale for resale.</summary>
    Resale,

    /// <summary>The provider is de minimis, so no USF recovery line is billed.</summary>
    DeMinimis,

    /// <summary>The line count was cut to the rule's per-account cap.</summary>
    LinesCapped,

    /// <summary>The rule counts channels or devices, the account does not say how many it has, so one line per number held was charged.</summary>
    LineCountAssumed,

    /// <summary>A USF recovery amount was cut to interstate and international telecom charges times the factor (47 CFR 54.712).</summary>
    UsfCapped,

    /// <summary>The commercial tax service answered with an error for the invoice or one of its charges, so what it taxed may be incomplete.</summary>
    ServiceError,

    /// <summary>The commercial tax service could not be reached, timed out, refused the credentials or answered with a server error: nothing was taxed.</summary>
    ServiceUnavailable,

    /// <summary>The tax service committed other taxes for the numbered invoice than the invoice bills (a rate changed between
    /// the draft and numbering); held or printed like a missing rate, by <see cref="TaxDataOptions.MissingRate"/>.</summary>
    CommitDiffers,

    /// <summary>A service address is in a state (or the part of one) that no tax table covers, so only the federal rules were
    /// applied there. A warning, never a hold: the reseller may owe nothing in that state, or may still have to store its table.</summary>
    JurisdictionNotCovered,
}

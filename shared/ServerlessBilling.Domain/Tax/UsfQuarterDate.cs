namespace ServerlessBilling.Tax;

/// <summary>The date that picks the quarter of the USF contribution factor.</summary>
public enum UsfQuarterDate
{
    /// <summary>The bill date, as the FCC's quarterly public notices word the limit.</summary>
    InvoiceDate,
    ServicePeriodStart,
}

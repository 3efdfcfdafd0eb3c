namespace ServerlessBilling.Tax;

/// <summary>Where the revenue a tax line was computed on belongs on FCC Form 499-A.</summary>
/// <remarks>Named by block, not by line number: the line numbers change with each year's instructions.</remarks>
public enum Form499Category
{
    /// <summary>Block 4-A: end-user telecom (interconnected VoIP) revenue.</summary>
    EndUserTelecom,

    /// <summary>Block 3: revenue from a reseller holding a valid reseller certificate (carrier's carrier).</summary>
    CarriersCarrier,

    /// <summary>Block 4-A non-telecom revenue (information services, software, equipment): outside the USF base.</summary>
    NonTelecom,
}

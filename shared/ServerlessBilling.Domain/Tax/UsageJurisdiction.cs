namespace ServerlessBilling.Tax;

/// <summary>Where a call's two ends are, as telecom taxes tell usage apart: within one US state, across states, or abroad.</summary>
/// <remarks>
/// Read from the calling and called numbers (<see cref="NumberStates.JurisdictionOf(string, string)"/>). A commercial tax service taxes each kind with
/// its own product code (AvaTax for Communications: VoIP intrastate usage 19/50, interstate usage 19/49, international usage 19/51),
/// so intrastate minutes draw the state's taxes on intrastate service and no federal USF, and interstate minutes the reverse. A call
/// whose ends cannot both be placed (a toll-free or non-geographic number, a SIP address) has no jurisdiction and is taxed as
/// before, under the provider's interstate allocation.
/// </remarks>
public enum UsageJurisdiction
{
    /// <summary>Both numbers are in the same US state.</summary>
    Intrastate,

    /// <summary>The numbers are in two different US states.</summary>
    Interstate,

    /// <summary>One number is in a US state and the other outside the United States.</summary>
    International,
}

namespace ServerlessBilling.Rating;

public enum BandCrossing
{
    /// <summary>The whole call is priced by the band it started in.</summary>
    StartBand,

    /// <summary>Each part of the call is priced by the band it fell in.</summary>
    Split,
}

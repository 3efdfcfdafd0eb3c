namespace ServerlessBilling.Pdf;

/// <summary>The page size of printed documents.</summary>
public enum PaperSize
{
    /// <summary>210 × 297 mm, everywhere but North America.</summary>
    A4,

    /// <summary>8.5 × 11 in, the United States, Canada and Mexico.</summary>
    Letter,
}

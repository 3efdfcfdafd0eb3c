namespace ServerlessBilling.Pdf;

/// <summary>A column of a table on the invoice: where it starts, as a share (0 to 1) of the width between the margins, and
/// whether its cells end at the next column (amounts and counts) rather than start at its own edge.</summary>
internal readonly record struct TableColumn(double Start, bool RightAligned = false);

namespace ServerlessBilling.Storage;

/// <summary>Where a number's or agent's holding is stored: under the number or agent (what attribution reads) and under its account.</summary>
internal readonly record struct HoldingRows(string Partition, string Row, string AccountPartition, string AccountRow);

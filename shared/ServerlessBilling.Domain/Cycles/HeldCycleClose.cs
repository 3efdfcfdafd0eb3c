namespace ServerlessBilling.Cycles;

/// <summary>A close that stopped before numbering for missing tax data, as the daily check lists it.</summary>
public sealed record HeldCycleClose(string InstanceId, TaxDataHold Hold);

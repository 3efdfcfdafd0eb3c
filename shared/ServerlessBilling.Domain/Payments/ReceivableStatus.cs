namespace ServerlessBilling.Payments;

public enum ReceivableStatus
{
    Open,
    Paid,
    WrittenOff,
}

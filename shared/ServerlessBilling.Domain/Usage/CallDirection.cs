namespace ServerlessBilling.Usage;

public enum CallDirection
{
    Inbound,
    Outbound,
}

namespace ServerlessBilling.Accounts;

public enum NumberType
{
    Local,
    TollFree,
    Mobile,
    Premium,
    Other,
}

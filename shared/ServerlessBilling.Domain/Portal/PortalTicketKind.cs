namespace ServerlessBilling.Portal;

public enum PortalTicketKind
{
    Link,
    Session,
}

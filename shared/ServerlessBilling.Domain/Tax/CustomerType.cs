namespace ServerlessBilling.Tax;

/// <summary>The customer's class, as tax tables distinguish it.</summary>
public enum CustomerType
{
    Business,
    Residential,
}

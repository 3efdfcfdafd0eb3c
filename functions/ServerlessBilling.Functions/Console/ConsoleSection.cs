namespace ServerlessBilling.Functions.Console;

/// <summary>The console's sections, for the navigation's current item.</summary>
public enum ConsoleSection
{
    Dashboard,
    Accounts,
    Quotes,
}

namespace ServerlessBilling.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Domain_ReferencesNoAzureStripeOrFunctionsAssembly()
    {
        var domain = typeof(Money).Assembly;
        var forbidden = domain.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Azure", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.Azure", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal)
                || n.StartsWith("Stripe", StringComparison.Ordinal)
                || n.StartsWith("PdfSharp", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        forbidden.ShouldBeEmpty();
    }

}

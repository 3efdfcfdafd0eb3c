namespace ServerlessBilling.Tax;

/// <summary>How the interstate share of interconnected VoIP revenue is established (FCC 06-94).</summary>
public enum AllocationMethod
{
    /// <summary>The FCC's 64.9 % interim safe harbor.</summary>
    SafeHarbor,

    /// <summary>A share from the provider's own traffic study, kept on file.</summary>
    TrafficStudy,

    /// <summary>Each charge's actual interstate and international amounts.</summary>
    Actual,
}

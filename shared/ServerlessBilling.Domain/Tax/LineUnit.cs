namespace ServerlessBilling.Tax;

/// <summary>What a jurisdiction counts as one "line" for a per-line fee; the definitions differ by state.</summary>
public enum LineUnit
{
    /// <summary>A telephone number (service identifier), e.g. Florida E911.</summary>
    Number,

    /// <summary>A concurrent outbound call path (outward calling capacity), e.g. California 911/988, Illinois advanced service, Washington 911/988.</summary>
    Channel,

    /// <summary>A device, e.g. New York City E-911 for VoIP.</summary>
    Device,
}

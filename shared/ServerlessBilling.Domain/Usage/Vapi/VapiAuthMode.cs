namespace ServerlessBilling.Usage.Vapi;

/// <summary>How Vapi's server URL credential authenticates deliveries.</summary>
public enum VapiAuthMode
{
    /// <summary>HMAC-SHA256, hex, over "{timestamp}.{raw body}" (Vapi's default HMAC payload format).</summary>
    Hmac,

    /// <summary>A shared secret sent as is in a header (Vapi's legacy <c>X-Vapi-Secret</c>); it carries no timestamp.</summary>
    Secret,
}

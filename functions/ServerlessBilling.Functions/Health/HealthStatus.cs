namespace ServerlessBilling.Functions.Health;

/// <summary>The anonymous health answer: <c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>, and nothing an outsider could use.</summary>
public sealed record HealthStatus(string Status);

namespace ServerlessBilling.IntegrationTests.Api.OpenApi;

/// <summary>A response the OpenAPI document does not describe.</summary>
public sealed class ResponseContractException(string message) : Exception(message);

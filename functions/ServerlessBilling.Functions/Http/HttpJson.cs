using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.Functions.Http;

/// <summary>HTTP responses use the product's one JSON shape (<see cref="BillingJson"/>), in the Functions host and the local host alike.</summary>
public static class HttpJson
{
    public static IServiceCollection AddBillingHttpJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = BillingJson.Options.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = BillingJson.Options.DefaultIgnoreCondition;
            foreach (var converter in BillingJson.Options.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
}

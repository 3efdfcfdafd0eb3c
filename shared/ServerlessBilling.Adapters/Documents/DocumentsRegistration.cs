using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Hosting;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>Documents: streamed downloads of invoice and credit note files, and short-lived signed links to them.</summary>
public static class DocumentsRegistration
{
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DocumentsSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<DocumentsSettings>().ToOptions());
        services.AddSingleton<IDocumentFiles, BlobDocumentFiles>();
        services.AddSingleton<IDocumentLinks>(provider => provider.Settings<DocumentsSettings>().LinkSigning switch
        {
            DocumentLinkSigning.UserDelegation =>
                new UserDelegationDocumentLinks(provider.GetRequiredService<BlobServiceClient>(), provider.GetRequiredService<IClock>()),
            _ => new SharedKeyDocumentLinks(provider.GetRequiredService<BlobServiceClient>()),
        });
        services.AddSingleton<IUsageWorkbooks, UsageDetailXlsx>();
        services.AddSingleton<DocumentAccess>();
        return services;
    }
}

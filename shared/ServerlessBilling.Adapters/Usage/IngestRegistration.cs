using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Usage;

/// <summary>Ingest: usage from vendor webhooks and dropped CDR files, archived, deduplicated, quarantined when bad, and queued for rating.</summary>
public static class IngestRegistration
{
    /// <remarks>Settings: <see cref="NumbersSettings"/>, <see cref="RawArchiveSettings"/>, <see cref="CdrSettings"/>, and those of <see cref="WebhookRegistration.AddUsageWebhooks"/>.</remarks>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<NumbersSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<NumbersSettings>().ToRegion());
        services.AddSingleton<IQuarantine, TableQuarantine>();
        services.AddSettings<RawArchiveSettings>(configuration);
        services.AddSingleton<IRawArchive>(provider =>
        {
            var settings = provider.Settings<RawArchiveSettings>();
            var clock = provider.GetRequiredService<TimeProvider>();
            var blobs = new BlobRawArchive(provider.GetRequiredService<BlobServiceClient>(), clock, settings.PayloadsPerGroup, settings.GroupWindow);
            return settings.InTables
                ? new TableRawArchive(provider.GetRequiredService<TableServiceClient>(), blobs, clock, settings.PayloadsPerGroup, settings.GroupWindow)
                : blobs;
        });
        services.AddSingleton(provider => new WritePriority(
            provider.Settings<WebhooksSettings>().RatingWritesWhileWaiting ?? WritePriority.BulkWritesWhileWaiting));
        services.AddSingleton<IRatingQueue, QueueRatingQueue>();
        services.AddSingleton<IIngestCounters, TableIngestCounters>();
        services.AddSingleton<ICallPartStore, TableCallPartStore>();
        services.AddUsageWebhooks(configuration);

        services.AddSingleton<ICdrDrops, BlobCdrDrops>();
        services.AddSingleton<ICdrCheckpoints, TableCdrCheckpoints>();
        services.AddSingleton<ICdrFileRatings, TableCdrFileRatings>();
        services.AddSettings<CdrSettings>(configuration);
        services.AddSingleton<ICdrWindows, BlobCdrWindows>();
        services.AddSingleton(provider => new CdrFileIntake(
            provider.GetRequiredService<ICdrDrops>(), provider.GetRequiredService<IRatingQueue>(), provider.GetRequiredService<IQuarantine>(),
            provider.GetRequiredService<ICdrCheckpoints>(), provider.GetRequiredService<IIngestCounters>(), provider.GetRequiredService<NodaTime.IClock>(),
            provider.GetRequiredService<PhoneRegion>(), provider.Settings<CdrSettings>().LinesPerMessage,
            provider.Settings<CdrSettings>().OneMessagePerWindow ? provider.GetRequiredService<ICdrWindows>() : null));
        services.AddSingleton<CdrFileReports>();
        return services;
    }
}

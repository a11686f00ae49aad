using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsWatch.Infrastructure.Archive;

public static class ArchiveServiceCollectionExtensions
{
    /// <summary>
    /// The InfluxDB archive (issue 14): its options, which make the storage provider spool every poll
    /// (<see cref="Domain.Ports.IArchiveSpool"/>, registered by the provider), and the loop that sends the spool. Needs a
    /// storage provider, the <see cref="Delivery.OutboxWriter"/> and a <see cref="Domain.Text.TextCatalog"/> registered.
    /// </summary>
    public static IServiceCollection AddInfluxArchive(this IServiceCollection services, InfluxOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => new InfluxWriter(new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, options));
        services.AddSingleton<ArchiveNotices>();
        services.AddSingleton<InfluxArchiveLoop>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<InfluxArchiveLoop>());
        return services;
    }
}

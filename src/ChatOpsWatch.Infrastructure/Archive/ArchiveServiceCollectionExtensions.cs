using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Archive;

public static class ArchiveServiceCollectionExtensions
{
    /// <summary>
    /// The InfluxDB archive (issue 14): the spool that polls append to in their transaction (<see cref="IPollArchive"/>,
    /// picked up by <see cref="SqliteMonitorStore"/>), and the loop that sends it. Needs the SQLite database, the
    /// <see cref="Delivery.OutboxWriter"/> and a <see cref="Domain.Text.TextCatalog"/> registered.
    /// </summary>
    public static IServiceCollection AddInfluxArchive(this IServiceCollection services, InfluxOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new SqliteArchiveSpool(sp.GetRequiredService<SqliteDatabase>(), options, sp.GetRequiredService<ILogger<SqliteArchiveSpool>>()));
        services.AddSingleton<IPollArchive>(sp => sp.GetRequiredService<SqliteArchiveSpool>());
        services.AddSingleton(_ => new InfluxWriter(new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, options));
        services.AddSingleton<ArchiveNotices>();
        services.AddSingleton<InfluxArchiveLoop>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<InfluxArchiveLoop>());
        return services;
    }
}

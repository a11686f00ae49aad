using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Worker.Hosting;

/// <summary>
/// The one place the Worker names its storage provider (issue 16): the running monitor and the CLI verbs take every
/// store from here, behind its port. Choosing a provider by configuration is issue 15's.
/// </summary>
public static class StorageComposition
{
    public static IServiceCollection AddStorage(this IServiceCollection services, WatchConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return services.AddSqliteStorage(config.DatabasePath, config.CommitTick);
    }

    /// <summary>
    /// The stores of <paramref name="config"/> for a CLI verb, outside any host. Nothing is opened until a store is
    /// resolved; the read-only ports never open nor migrate the store. Disposing the container closes the store.
    /// </summary>
    public static ServiceProvider ForVerb(WatchConfig config, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(config);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton(TextCatalog.For(config.Language));
        services.AddSingleton(config.Retention);
        services.AddStorage(config);
        return services.BuildServiceProvider();
    }
}

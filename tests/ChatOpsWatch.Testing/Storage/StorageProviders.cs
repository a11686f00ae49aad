using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Testing.Storage;

/// <summary>
/// The storage providers the contract suite runs on (issue 16): each opens a real, empty store through the provider's
/// own DI registration, so a contract test sees exactly the ports the monitor resolves. A second provider (PostgreSQL,
/// issue 15) adds its name to <see cref="All"/> and a case to <see cref="OpenAsync"/>; the contracts stay unchanged.
/// </summary>
public static class StorageProviders
{
    public const string Sqlite = "sqlite";

    /// <summary>Every provider this build can open here.</summary>
    public static IReadOnlyList<string> All { get; } = [Sqlite];

    /// <summary>For xunit's <c>[MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(n => new object[] { n });

    /// <summary>
    /// A fresh, migrated, empty store of provider <paramref name="name"/> on <paramref name="time"/>, with commits
    /// immediate (a fake clock would otherwise hold a group commit's tick) and <paramref name="retention"/> (default:
    /// the product's). <paramref name="with"/> adds what a feature registers beside the stores (the archive's options).
    /// Dispose it to close and delete the store.
    /// </summary>
    public static async Task<StorageUnderTest> OpenAsync(string name, TimeProvider time, RetentionOptions? retention = null, Action<IServiceCollection>? with = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        switch (name)
        {
            case Sqlite:
                var dir = Directory.CreateTempSubdirectory("chatopswatch-contract-").FullName;
                var path = Path.Combine(dir, "data", "chatopswatch.db");
                var store = new StorageUnderTest(
                    name,
                    services =>
                    {
                        with?.Invoke(services);
                        services.AddSqliteStorage(path, TimeSpan.Zero);
                    },
                    time,
                    retention ?? RetentionOptions.Default,
                    () => Directory.Delete(dir, recursive: true));
                await store.StartAsync();
                return store;
            default:
                throw new ArgumentException($"Unknown storage provider '{name}' (known: {string.Join(", ", All)})", nameof(name));
        }
    }
}

/// <summary>
/// One provider's store under test, seen only through its ports. <see cref="RestartAsync"/> drops every connection and
/// resolves the ports anew over the same store, as a restarted (or killed and restarted) monitor would.
/// </summary>
public sealed class StorageUnderTest : IAsyncDisposable
{
    private readonly Action<IServiceCollection> _register;
    private readonly RetentionOptions _retention;
    private readonly Action _delete;
    private ServiceProvider _services;

    internal StorageUnderTest(string provider, Action<IServiceCollection> register, TimeProvider time, RetentionOptions retention, Action delete)
    {
        Provider = provider;
        Time = time;
        _register = register;
        _retention = retention;
        _delete = delete;
        _services = Build();
    }

    public string Provider { get; }

    public TimeProvider Time { get; }

    /// <summary>The container the provider registered into; resolve any port from it.</summary>
    public IServiceProvider Services => _services;

    public T Port<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Closes the store and opens it again, with fresh port instances (nothing cached in memory survives).</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = Build();
        await StartAsync();
    }

    internal Task StartAsync() => Port<IStorageLifetime>().OpenAsync(NullLogger.Instance, CancellationToken.None);

    public override string ToString() => Provider;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _delete();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Time);
        services.AddSingleton(TextCatalog.English);
        services.AddSingleton(_retention);
        _register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

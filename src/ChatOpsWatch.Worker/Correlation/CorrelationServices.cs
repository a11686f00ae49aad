using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Worker.Correlation;

public static class CorrelationServices
{
    /// <summary>Group outages, monitor isolation and second vantages: the hub the node polls report to, and its canary loop.</summary>
    public static IServiceCollection AddCorrelation(this IServiceCollection services)
    {
        services.AddSingleton<CorrelationHub>();
        services.AddSingleton<CanaryChecker>();
        services.AddSingleton<VantageCheck>();
        services.AddSingleton<ReachabilityRelay>();
        services.AddHostedService<CorrelationService>();
        return services;
    }
}

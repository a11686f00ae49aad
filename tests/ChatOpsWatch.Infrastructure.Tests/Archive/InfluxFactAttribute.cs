using ChatOpsWatch.Testing.Influx;

namespace ChatOpsWatch.Infrastructure.Tests.Archive;

/// <summary>A fact against a real influxd, skipped, saying why, when Debian's influxdb package is not installed.</summary>
public sealed class InfluxFactAttribute : FactAttribute
{
    public InfluxFactAttribute()
    {
        if (InfluxServer.Binary is null)
        {
            Skip = InfluxServer.Missing;
        }
    }
}

using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Samples;

public class MetricKeyTests
{
    [Fact]
    public void Format_SortsLabelsAndRoundTrips()
    {
        var key = MetricKey.Format("disk.used_pct", ("mount", "/data"), ("kind", "data"));

        Assert.Equal("disk.used_pct{kind=data,mount=/data}", key);
        Assert.Equal("disk.used_pct", MetricKey.NameOf(key));
        Assert.Equal("/data", MetricKey.Label(key, "mount"));
        Assert.Null(MetricKey.Label(key, "device"));
    }

    [Fact]
    public void Format_LabelValueWithSeparators_CannotForgeAnotherLabel()
    {
        var key = MetricKey.Format("disk.used_pct", ("mount", "/x,kind=system"));

        Assert.Equal("/x_kind_system", MetricKey.Label(key, "mount"));
        Assert.Null(MetricKey.Label(key, "kind"));
    }
}

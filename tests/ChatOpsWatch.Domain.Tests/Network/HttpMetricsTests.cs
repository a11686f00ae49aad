using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Domain.Tests.Network;

public sealed class HttpMetricsTests
{
    [Fact]
    public void Of_Timeout_IsNotAnErrorAndHasNoStatus()
    {
        var values = HttpMetrics.Of(new HttpCheckResult("site", HttpOutcome.TimedOut, null, 2000, null, null, null, false, "slow")).ToDictionary();

        Assert.Equal(1, values["http.timeout{check=site}"]);
        Assert.Equal(0, values["http.error{check=site}"]);
        Assert.Equal(0, values["http.up{check=site}"]);
        Assert.False(values.ContainsKey("http.status{check=site}"));
    }

    [Fact]
    public void Of_AnsweredOverTls_ReportsStatusKeywordAndCertificate()
    {
        var values = HttpMetrics.Of(new HttpCheckResult("api", HttpOutcome.Answered, 200, 12, true, 4.9, true, true, null)).ToDictionary();

        Assert.Equal(200, values["http.status{check=api}"]);
        Assert.Equal(1, values["http.keyword_found{check=api}"]);
        Assert.Equal(4.9, values["http.tls_days_left{check=api}"]);
        Assert.Equal(1, values["http.tls_valid{check=api}"]);
        Assert.Equal(1, values["http.up{check=api}"]);
    }
}

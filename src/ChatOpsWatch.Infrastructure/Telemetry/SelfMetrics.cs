using Prometheus;

namespace ChatOpsWatch.Infrastructure.Telemetry;

/// <summary>
/// The monitor's own metrics (issue 13), in one prometheus-net registry that the Worker exposes on /metrics with the
/// process collector. Native prometheus-net collectors, not .NET Meters through its MeterAdapter: the adapter turns
/// counters into gauges and drops series idle for 5 minutes, and an alert-transition counter is idle most of the time.
/// Gauges are set just before each scrape from <see cref="GaugeSources"/>, which answer from memory.
/// </summary>
public static class SelfMetrics
{
    public static readonly CollectorRegistry Registry = Metrics.NewCustomRegistry();

    private static readonly MetricFactory Factory = Metrics.WithCustomRegistry(Registry);

    /// <summary>From 5 ms to 2 min: a poll takes tens of ms, a stuck one runs into the probe deadline.</summary>
    private static readonly double[] PollBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    public static readonly Histogram PollDuration = Factory.CreateHistogram(
        "chatopswatch_poll_duration_seconds", "Time from a poll job's start to its commit, by node role.", new HistogramConfiguration { LabelNames = ["role"], Buckets = PollBuckets });

    public static readonly Histogram PollLateness = Factory.CreateHistogram(
        "chatopswatch_poll_lateness_seconds", "How late a poll job started against its schedule, by node role.", new HistogramConfiguration { LabelNames = ["role"], Buckets = PollBuckets });

    /// <summary>outcome: succeeded, failed, garbled, host_key_rejected, crypto_refused, error (the commit threw).</summary>
    public static readonly Counter Polls = Factory.CreateCounter("chatopswatch_polls_total", "Finished polls by outcome class.", ["outcome"]);

    /// <summary>code: the Bot API error code, else the HTTP status, else network (no answer).</summary>
    public static readonly Counter TelegramErrors = Factory.CreateCounter("chatopswatch_telegram_api_errors_total", "Failed Telegram Bot API calls of the outbox, by error code.", ["code"]);

    /// <summary>severity: the new one (warning, critical; none = resolved).</summary>
    public static readonly Counter AlertTransitions = Factory.CreateCounter("chatopswatch_alert_transitions_total", "Alert transitions that notify, by rule and new severity.", ["rule", "severity"]);

    /// <summary>Points InfluxDB confirmed (issue 14).</summary>
    public static readonly Counter ArchiveWritten = Factory.CreateCounter("chatopswatch_archive_points_written_total", "Points the InfluxDB archive wrote (2xx).");

    /// <summary>reason: full (the spool was at Archive:Influx:MaxSpoolMb, never spooled), bad (InfluxDB refused the point as unparsable or conflicting).</summary>
    public static readonly Counter ArchiveDropped = Factory.CreateCounter("chatopswatch_archive_points_dropped_total", "Points the InfluxDB archive dropped, by reason.", ["reason"]);

    public static readonly Counter ArchiveRetried = Factory.CreateCounter("chatopswatch_archive_write_failures_total", "InfluxDB writes that failed and are retried with backoff (5xx, timeouts, refused connections, refused credentials).");

    private static readonly Gauge ArchiveSpoolBytes = Factory.CreateGauge("chatopswatch_archive_spool_bytes", "Bytes of line protocol waiting in the archive spool.");
    private static readonly Gauge ArchiveSpoolAge = Factory.CreateGauge("chatopswatch_archive_spool_oldest_age_seconds", "Age of the oldest spooled point as the archive last looked (0: the spool is empty).");

    private static volatile ArchiveGaugeSources archive = ArchiveGaugeSources.None;

    private static readonly Gauge SshSessions = Factory.CreateGauge("chatopswatch_ssh_sessions_open", "Open SSH sessions to nodes.");
    private static readonly Gauge OutboxBacklog = Factory.CreateGauge("chatopswatch_outbox_backlog_messages", "Undelivered outbox messages, at the last liveness beat.");
    private static readonly Gauge OutboxAge = Factory.CreateGauge("chatopswatch_outbox_oldest_age_seconds", "Age of the oldest undelivered message at the last liveness beat (0: none).");
    private static readonly Gauge DatabaseSize = Factory.CreateGauge("chatopswatch_database_size_bytes", "SQLite database size, WAL included.");

    private static volatile GaugeSources sources = GaugeSources.None;

    static SelfMetrics()
    {
        // Both roles from the start, so a dashboard finds the histograms before the first edge poll.
        foreach (var role in new[] { "core", "edge" })
        {
            PollDuration.WithLabels(role);
            PollLateness.WithLabels(role);
        }

        Registry.AddBeforeCollectCallback(() =>
        {
            var s = sources;
            SshSessions.Set(s.SshSessions());
            OutboxBacklog.Set(s.OutboxBacklog());
            OutboxAge.Set(s.OutboxOldestAge());
            DatabaseSize.Set(s.DatabaseBytes());
            var a = archive;
            ArchiveSpoolBytes.Set(a.SpoolBytes());
            ArchiveSpoolAge.Set(a.OldestAge());
        });
        ArchiveDropped.WithLabels("full");
        ArchiveDropped.WithLabels("bad");
    }

    /// <summary>Where the archive's gauges read; set by the archive when it is configured (else they stay 0).</summary>
    public static void ObserveArchive(ArchiveGaugeSources gauges) => archive = gauges ?? ArchiveGaugeSources.None;

    /// <summary>Where the gauges read their values; the running host sets them once (a later host replaces them).</summary>
    public static void ObserveGauges(GaugeSources gauges) => sources = gauges ?? GaugeSources.None;
}

/// <summary>The callbacks behind the gauges; each must answer from memory or a cheap stat, never a query.</summary>
public sealed record GaugeSources(Func<int> SshSessions, Func<int> OutboxBacklog, Func<double> OutboxOldestAge, Func<long> DatabaseBytes)
{
    public static readonly GaugeSources None = new(() => 0, () => 0, () => 0, () => 0);
}

/// <summary>The archive's gauge callbacks, answered from memory.</summary>
public sealed record ArchiveGaugeSources(Func<long> SpoolBytes, Func<double> OldestAge)
{
    public static readonly ArchiveGaugeSources None = new(() => 0, () => 0);
}

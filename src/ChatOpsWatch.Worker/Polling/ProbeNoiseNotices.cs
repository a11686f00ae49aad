using System.Collections.Concurrent;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// Tells the ops chat once per node (per monitor run) that the node prints text before the probe output. The poll
/// reads past it, so it is a notice, not an alert; the first line shown is sanitised (<see cref="ProbeNoise"/>).
/// </summary>
public sealed class ProbeNoiseNotices(OutboxWriter outbox, TextCatalog texts, ILogger<ProbeNoiseNotices> log)
{
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    public async Task ReportAsync(string node, ProbeNoise noise, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(noise);
        if (!_reported.TryAdd(node, true))
        {
            return;
        }

        log.LogWarning("Node {Node}: {Characters} characters ({Lines} lines) before the probe output, read past; first line: '{First}'", node, noise.Characters, noise.Lines, noise.FirstLine);
        var html = texts.Format("probe.noise", Html.Escape(node), noise.Characters, noise.Lines, Html.Escape(noise.FirstLine));
        await outbox.EnqueueAsync(new OutboxMessage(MessageKind.Info, Severity.None, html), ct);
    }
}

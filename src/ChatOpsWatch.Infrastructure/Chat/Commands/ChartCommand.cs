using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Charts;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat.Commands;

/// <summary>The catalogue language and where the current threshold rules come from (they follow config reloads).</summary>
public sealed record ChartOptions(TextCatalog Text, Func<IReadOnlyList<ThresholdRule>> Rules);

/// <summary>
/// /chart &lt;node&gt; &lt;metric&gt; [1h|24h|7d|30d|90d|1y]: a PNG of one stored series with its warning and critical levels, sent
/// with sendPhoto through the outbox. The metric must resolve to a series the node stored (see <see cref="SeriesResolver"/>);
/// chat text is never used as a key itself. Long ranges are downsampled (min/max) to at most 2,000 points. No data, an
/// unknown node or series, and a store failure are each answered in words, never with an empty chart.
/// </summary>
public sealed class ChartCommand(
    IMonitorStore store, ISeriesReader series, OutboxWriter replies, ChartOptions options, TimeProvider time, ILogger<ChartCommand> logger) : IChatCommandHandler
{
    /// <summary>How many series names an "unknown metric" reply suggests.</summary>
    private const int Suggestions = 12;

    private TextCatalog Text => options.Text;

    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Chart];

    public Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SendAsync(context.Request.ChatId, context.Command.Args, ct, context.ThreadId);
    }

    /// <summary>
    /// Answers /chart with <paramref name="args"/> in <paramref name="chatId"/> (and its forum topic
    /// <paramref name="threadId"/>, so the picture lands where it was asked for): a chart, or the reason there is none.
    /// The [Chart] button asks with [node, series, "24h"].
    /// </summary>
    public async Task SendAsync(long chatId, IReadOnlyList<string> args, CancellationToken ct, int? threadId = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        OutboxMessage reply;
        try
        {
            reply = await BuildAsync(chatId, args, ct);
        }
        catch (StorageException e)
        {
            logger.LogError(e, "/chart in chat {ChatId}: the store could not be read", chatId);
            reply = Words(chatId, Text["cmd.store_unavailable"]);
        }

        await replies.EnqueueAsync(reply with { ThreadId = threadId }, ct);
    }

    private async Task<OutboxMessage> BuildAsync(long chatId, IReadOnlyList<string> args, CancellationToken ct)
    {
        var (request, problem) = ChartParser.Parse(args, Text);
        if (request is null)
        {
            return Words(chatId, problem!);
        }

        var fleet = await store.FleetAsync(ct);
        if (fleet.FirstOrDefault(s => string.Equals(s.Node.Name, request.Node, StringComparison.OrdinalIgnoreCase)) is not { } node)
        {
            return Words(chatId, Text.Format("cmd.node.unknown", Html.Escape(request.Node)));
        }

        var name = node.Node.Name;
        var now = time.GetUtcNow();
        var since = now - request.Range.Span;
        var known = await series.SeriesAsync(name, since, ct);
        var (key, candidates) = SeriesResolver.Resolve(request.Metric, known, options.Rules());
        if (key is null)
        {
            return candidates.Count > 1
                ? Words(chatId, Text.Format("chart.ambiguous", Html.Escape(request.Metric), Html.Escape(Text.List(candidates.Take(Suggestions)))))
                : Words(chatId, Text.Format("chart.unknown_metric", Html.Escape(name), Html.Escape(request.Metric), Html.Escape(Text.List(Suggest(known)))));
        }

        var points = await series.ReadAsync(name, key, since, request.Range.Tier, ct);
        if (points.Count == 0)
        {
            return Words(chatId, Text.Format("chart.no_data", Html.Escape(name), Html.Escape(key), request.Range.Name));
        }

        var drawn = Downsampler.MinMax(points);
        var levels = ChartThresholds.For(key, options.Rules());
        var title = ChartCaption.Title(name, key, request.Range);
        var png = await Task.Run(() => ChartRenderer.RenderPng(title, drawn, levels, since, now), ct);
        logger.LogInformation("Chart of {Series} on {Node} over {Range}: {Points} points ({Drawn} drawn), {Bytes} bytes", key, name, request.Range.Name, points.Count, drawn.Count, png.Length);
        var caption = ChartCaption.Format(name, key, request.Range, points, levels, Text);
        return new OutboxMessage(MessageKind.Reply, Severity.None, caption, chatId) { Photo = png };
    }

    private static OutboxMessage Words(long chatId, string html) => new(MessageKind.Reply, Severity.None, html, chatId);

    /// <summary>Plain metric names first (cpu.busy_pct), so the suggestion is short.</summary>
    private static IEnumerable<string> Suggest(IReadOnlySet<string> known) => known
        .OrderBy(k => k.Contains('{', StringComparison.Ordinal))
        .ThenBy(k => k, StringComparer.Ordinal)
        .Take(Suggestions);
}

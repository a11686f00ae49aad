using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Commands;

/// <summary>A well-formed /chart: the node and metric are still to be checked against what is stored.</summary>
public sealed record ChartRequest(string Node, string Metric, ChartRange Range);

/// <summary>Parses /chart &lt;node&gt; &lt;metric&gt; [1h|24h|7d|30d|90d|1y]. Pure.</summary>
public static partial class ChartParser
{
    public static (ChartRequest? Request, string? Problem) Parse(IReadOnlyList<string> args, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(text);
        if (args.Count is < 2 or > 3)
        {
            return (null, text["cmd.chart.usage"]);
        }

        if (ArgCheck.FirstProblem(args, text) is { } problem)
        {
            return (null, problem);
        }

        if (!NodeName.IsValid(args[0]))
        {
            return (null, text.Format("cmd.node.invalid", Html.Escape(args[0]), NodeName.Rule));
        }

        if (!MetricPattern().IsMatch(args[1]))
        {
            return (null, text.Format("cmd.chart.metric_invalid", Html.Escape(args[1])));
        }

        var range = args.Count == 3 ? ChartRange.Find(args[2]) : ChartRange.Day;
        return range is null
            ? (null, text.Format("cmd.chart.range_invalid", Html.Escape(args[2])))
            : (new ChartRequest(args[0], args[1], range), null);
    }

    /// <summary>A metric name, optionally with labels: disk.used_pct{mount=/data}.</summary>
    [GeneratedRegex(@"^[a-z0-9_.]{1,64}(\{[A-Za-z0-9_]+=[^,={}]+(,[A-Za-z0-9_]+=[^,={}]+)*\})?$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricPattern();
}

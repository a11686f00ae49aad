using System.Globalization;
using System.Text.Json;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Io;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// Engine rules from JSON: <c>{"rules": [{"id": "cpu-hot", "kind": "threshold", "warning": 80, …}]}</c> or a bare
/// array. Kinds: threshold, rate, absence, baseline, forecast, iotrend (the disk I/O early warning). Durations are "30s", "5m", "2h", "1d" or
/// "hh:mm:ss". Every problem is reported with its key path (rules[2].warning) and no rule is half-applied.
/// </summary>
internal static class RulesFile
{
    public static IReadOnlyList<EngineRule> Parse(string json, List<string> problems)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            problems.Add($"not valid JSON: {ex.Message}");
            return [];
        }

        using (doc)
        {
            var root = doc.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rules", out var r) ? r : root;
            if (list.ValueKind != JsonValueKind.Array)
            {
                problems.Add("rules: expected an array of rules (or an object with a \"rules\" array)");
                return [];
            }

            var rules = new List<EngineRule>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var before = problems.Count;
                var rule = ParseRule(new Reader(element, $"rules[{index++}]", problems));
                if (rule is not null && problems.Count == before)
                {
                    rules.Add(rule);
                }
            }

            return rules;
        }
    }

    private static EngineRule? ParseRule(Reader r)
    {
        var id = r.String("id");
        var kind = r.String("kind")?.ToUpperInvariant();
        var timing = new RuleTiming(
            r.Duration("for") ?? TimeSpan.Zero,
            r.Int("forSamples") ?? 0,
            r.Int("ofSamples") ?? 0,
            r.Duration("keepFiringFor") ?? TimeSpan.Zero,
            r.Duration("noDataAfter"));
        r.Report(timing.Problems());
        Func<ISignalSource>? factory = kind switch
        {
            "THRESHOLD" => Threshold(r, levels => () => new ThresholdSource(levels)),
            "RATE" => Threshold(r, levels => { var w = r.Duration("window") ?? TimeSpan.FromMinutes(5); return () => new RateSource(levels, w); }),
            "ABSENCE" => () => new AbsenceSource(),
            "BASELINE" => Baseline(r),
            "FORECAST" => Forecast(r),
            "IOTREND" => IoTrend(r),
            null => null,
            _ => r.Fail<Func<ISignalSource>>("kind", $"must be threshold, rate, absence, baseline, forecast or iotrend, got '{kind.ToLowerInvariant()}'"),
        };
        if (id is null)
        {
            r.Fail<object>("id", "is required");
        }

        if (kind is null)
        {
            r.Fail<object>("kind", "is required");
        }

        return id is null || factory is null ? null : new EngineRule(id, timing, factory);
    }

    private static Func<ISignalSource>? Threshold(Reader r, Func<Levels, Func<ISignalSource>> make)
    {
        var direction = r.String("direction")?.ToUpperInvariant() switch
        {
            null or "ABOVE" => Direction.Above,
            "BELOW" => Direction.Below,
            var other => r.Fail<Direction>("direction", $"must be above or below, got '{other}'"),
        };
        var warning = r.Number("warning");
        if (warning is null)
        {
            return r.Fail<Func<ISignalSource>>("warning", "is required for this kind");
        }

        var levels = new Levels(direction, warning.Value, r.Number("critical"), r.Number("warningRecovery"), r.Number("criticalRecovery"));
        r.Report(levels.Problems());
        return make(levels);
    }

    private static Func<ISignalSource> Baseline(Reader r)
    {
        var options = new BaselineOptions(r.Number("tolerance") ?? 3, r.Number("floor"), r.Number("criticalFloor"));
        return () => new BaselineSource(options);
    }

    private static Func<ISignalSource> Forecast(Reader r)
    {
        var options = new ForecastOptions(r.Number("capacity") ?? 100, r.Duration("window"), r.Duration("minHistory"), r.Duration("warnWithin"), r.Duration("criticalWithin"));
        return () => new DiskForecastSource(options);
    }

    private static Func<ISignalSource>? IoTrend(Reader r)
    {
        if (r.Number("floor") is not { } floor)
        {
            return r.Fail<Func<ISignalSource>>("floor", "is required for iotrend, in the metric's unit (e.g. 1 request in flight for disk.io.queue, 20 for await in ms)");
        }

        var options = new IoTrendOptions(floor, r.Duration("window"), r.Duration("minHistory"), Tolerance: r.Number("tolerance") ?? 3);
        return () => new IoTrendSource(options);
    }

    private sealed class Reader(JsonElement element, string path, List<string> problems)
    {
        public T? Fail<T>(string key, string message)
        {
            problems.Add($"{path}.{key}: {message}");
            return default;
        }

        public void Report(IEnumerable<(string Field, string Message)> found)
        {
            foreach (var (field, message) in found)
            {
                problems.Add($"{path}.{char.ToLowerInvariant(field[0])}{field[1..]}: {message}");
            }
        }

        public string? String(string key) => Get(key) is not { } v ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString() : Fail<string>(key, $"must be a string, got {v.ValueKind}");

        public double? Number(string key) => Get(key) is not { } v ? null
            : v.ValueKind == JsonValueKind.Number ? v.GetDouble() : Fail<double?>(key, $"must be a number, got {v.ValueKind}");

        public int? Int(string key) => Get(key) is not { } v ? null
            : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : Fail<int?>(key, $"must be a whole number, got {v}");

        public TimeSpan? Duration(string key)
        {
            if (Get(key) is not { } v)
            {
                return null;
            }

            var text = v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                switch (text[^1])
                {
                    case 's': return TimeSpan.FromSeconds(n);
                    case 'm': return TimeSpan.FromMinutes(n);
                    case 'h': return TimeSpan.FromHours(n);
                    case 'd': return TimeSpan.FromDays(n);
                }
            }

            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
                ? span
                : Fail<TimeSpan?>(key, $"must be a duration such as \"30s\", \"5m\", \"2h\" or \"00:05:00\", got {v}");
        }

        private JsonElement? Get(string key) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
    }
}

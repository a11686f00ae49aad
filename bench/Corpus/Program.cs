using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatOpsWatch.Corpus;

// The labelled alert-quality corpus, regenerated bit for bit from fixed seeds (see bench/Corpus/README.md).
// Usage: dotnet run -c Release --project bench/Corpus [-- OUTDIR]   (default bench/corpus, not committed)
var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "ChatOpsWatch.sln")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("ChatOpsWatch.sln not found above the generator");
}

var outDir = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(root, "bench", "corpus");
var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero); // a Monday
foreach (var profile in new[] { SplitProfile.Train, SplitProfile.Test })
{
    var dir = Path.Combine(outDir, profile.Name);
    Directory.CreateDirectory(dir);
    var labels = new List<object>();
    var plans = profile.Series();
    for (var p = 0; p < plans.Count; p++)
    {
        var plan = plans[p];
        var rng = new Random(profile.Seed + (p * 7919));
        var count = (int)(TimeSpan.FromDays(7 * profile.Weeks) / profile.Interval);
        var values = Noise.Draw(plan.Noise, start, profile.Interval, count, rng);
        var incidents = Place(plan, profile, values, start, rng);
        var rows = Messy.Write(Path.Combine(dir, plan.Name + ".csv"), plan.Metric, values, start, profile.Interval, rng);
        labels.Add(new
        {
            file = plan.Name + ".csv",
            metric = plan.Metric,
            intervalSeconds = profile.Interval.TotalSeconds,
            start = Iso(start),
            end = Iso(start + (profile.Interval * count)),
            rows,
            incidents = incidents.Select(i => new { kind = i.Kind, start = Iso(i.Start), end = Iso(i.End), at = Iso(i.At) }),
        });
        Console.WriteLine($"{profile.Name}/{plan.Name}.csv: {rows.Total:N0} rows, {incidents.Count} incident(s)");
    }

    var json = JsonSerializer.Serialize(new { split = profile.Name, seed = profile.Seed, series = labels }, new JsonSerializerOptions { WriteIndented = true });
    File.WriteAllText(Path.Combine(dir, "labels.json"), json + "\n", new UTF8Encoding(false));
}

Console.WriteLine($"corpus written to {outDir}");

static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

// Incidents are spread over the span after a first week of healthy history, at least two days apart, with
// jitter; a slow drift stays, so it comes last in its series.
static List<Incident> Place(SeriesPlan plan, SplitProfile profile, double[] values, DateTimeOffset start, Random rng)
{
    var result = new List<Incident>();
    var perDay = (int)(TimeSpan.FromDays(1) / profile.Interval);
    var first = 8 * perDay;
    var usable = values.Length - first - (5 * perDay);
    for (var k = 0; k < plan.Incidents.Length; k++)
    {
        var slot = usable / plan.Incidents.Length;
        var on = first + (k * slot) + (int)(rng.NextDouble() * Math.Max(1, slot - (3 * perDay)));
        result.Add(Faults.Inject(plan.Incidents[k], values, on, start, profile.Interval, plan.Noise, rng));
    }

    return result;
}

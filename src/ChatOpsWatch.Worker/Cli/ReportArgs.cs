using System.Globalization;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// The options of the report verbs (baseline, noise): <c>--config FILE --node NAME --metric NAME --days N
/// --self-resolve DURATION --input FILE --lang en|zh-CN</c>. Null with a message when an option is unknown or bad.
/// </summary>
internal sealed record ReportArgs(string[] ConfigArgs, string? Node, string? Metric, int Days, TimeSpan SelfResolve, string? Input, TextCatalog Text)
{
    public const int MaxDays = 90;

    public static (ReportArgs? Args, string? Error) Parse(string[] args, IReadOnlySet<string> allowed)
    {
        var parsed = new ReportArgs([], null, null, 7, TimeSpan.FromMinutes(10), null, TextCatalog.English);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!allowed.Contains(args[i]) || i + 1 >= args.Length)
            {
                return (null, i + 1 >= args.Length && allowed.Contains(args[i]) ? $"{args[i]} needs a value" : $"unknown option '{args[i]}'");
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--config": parsed = parsed with { ConfigArgs = ["--config", value] }; break;
                case "--node": parsed = parsed with { Node = value }; break;
                case "--metric": parsed = parsed with { Metric = value }; break;
                case "--input": parsed = parsed with { Input = value }; break;
                case "--days" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= MaxDays:
                    parsed = parsed with { Days = d };
                    break;
                case "--days": return (null, $"--days must be a whole number of days from 1 to {MaxDays}, got '{value}'");
                case "--self-resolve" when DurationText.TryParse(value, out var within):
                    parsed = parsed with { SelfResolve = within };
                    break;
                case "--self-resolve": return (null, $"--self-resolve must be a duration such as 10m or 1h, got '{value}'");
                case "--lang" when LanguageCodes.TryParse(value, out var language):
                    parsed = parsed with { Text = TextCatalog.For(language) };
                    break;
                case "--lang": return (null, $"--lang must be en or zh-CN, got '{value}'");
            }
        }

        return (parsed, null);
    }
}

/// <summary>What the report verbs share: parse the options, load the configuration, and turn a storage failure into its exit code.</summary>
internal static class ReportVerb
{
    public static int Run(string verb, string usage, string[] args, IReadOnlySet<string> allowed, TextWriter stderr, Func<ReportArgs, int?> withoutConfig, Func<ReportArgs, Configuration.WatchConfig, int> withConfig)
    {
        var (parsed, error) = ReportArgs.Parse(args, allowed);
        if (parsed is null)
        {
            stderr.WriteLine($"{verb}: {error}\n{usage}");
            return CommandLine.ExitUsage;
        }

        if (withoutConfig(parsed) is { } done)
        {
            return done;
        }

        var config = CommandLine.Load(parsed.ConfigArgs);
        if (!CommandLine.Report(config, stderr))
        {
            return CommandLine.ExitConfig;
        }

        try
        {
            return withConfig(parsed, config.Config!);
        }
        catch (Domain.Ports.StorageException ex)
        {
            stderr.WriteLine($"{verb}: {ex.Message}");
            return CommandLine.ExitStorage;
        }
    }
}

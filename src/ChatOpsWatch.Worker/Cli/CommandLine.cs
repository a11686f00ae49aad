using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>The verbs: run (default), check-config, import-known-hosts FILE, forget-hostkey NODE, backtest, baseline, noise, evaluate.</summary>
public static class CommandLine
{
    public const int ExitConfig = 2;
    public const int ExitStorage = 3;
    public const int ExitUsage = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = verb == "run" && (args.Length == 0 || args[0] != "run") ? args : args[1..];
        switch (verb)
        {
            case "run":
                return await RunCommand.RunAsync(rest);
            case "check-config":
                return CheckConfig(rest);
            case "import-known-hosts" when rest.Length >= 1:
                return await HostKeyCommands.ImportAsync(Load(rest[1..]), rest[0]);
            case "forget-hostkey" when rest.Length >= 1:
                return await HostKeyCommands.ForgetAsync(Load(rest[1..]), rest[0]);
            case "backtest":
                return await BacktestCommand.RunAsync(rest, Console.Error);
            case "baseline":
                return BaselineCommand.Run(rest, Console.Out, Console.Error, TimeProvider.System);
            case "noise":
                return NoiseCommand.Run(rest, Console.Out, Console.Error, TimeProvider.System);
            case "evaluate":
                return EvaluateCommand.Run(rest, Console.Out, Console.Error);
            case "help" or "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            default:
                Console.Error.WriteLine($"unknown command or missing argument: {string.Join(' ', args)}\n\n{Usage}");
                return ExitUsage;
        }
    }

    public const string Usage = """
        usage: chatopswatch [run] [--config FILE]          start monitoring (the default)
               chatopswatch check-config [--config FILE]   validate the configuration and exit (0 = valid, 2 = problems)
               chatopswatch import-known-hosts FILE        pin host keys of configured nodes from an OpenSSH known_hosts file
               chatopswatch forget-hostkey NODE            drop a node's pinned keys after an expected key change (re-pinned on next contact)
               chatopswatch backtest --input FILE.csv --metric NAME [--rules FILE] --output FILE.jsonl
                                                           replay a metric's history through the alert engine, one JSON line per episode
               chatopswatch baseline [--config FILE] [--node NAME] [--metric NAME] [--days 7]
                                                           learned hour-of-day thresholds of the stored samples next to the static ones
               chatopswatch noise [--config FILE] [--days 7] [--self-resolve 10m] [--input EPISODES.jsonl]
                                                           per rule: episodes, self-resolved, flapping, muted before acked, a suggestion
               chatopswatch evaluate --corpus DIR [--output FILE.md]
                                                           score the reference detectors and the engine defaults on a labelled corpus
        configuration: ./appsettings.json, the file named by --config or CHATOPSWATCH_CONFIG, then environment
        variables such as ChatOpsWatch__Telegram__OpsChatId (see README).
        """;

    /// <summary>Builds the configuration exactly as the running host does.</summary>
    public static IConfigurationManager BuildConfiguration(string[] args, out string[] hostArgs)
    {
        var settings = new HostApplicationBuilderSettings { Args = args, ContentRootPath = Directory.GetCurrentDirectory() };
        var file = Environment.GetEnvironmentVariable("CHATOPSWATCH_CONFIG");
        var remaining = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                file = args[++i];
            }
            else
            {
                remaining.Add(args[i]);
            }
        }

        hostArgs = [.. remaining];
        var manager = new ConfigurationManager();
        manager.SetBasePath(settings.ContentRootPath);
        manager.AddJsonFile("appsettings.json", optional: true, reloadOnChange: true);
        if (file is not null)
        {
            manager.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: true);
        }

        manager.AddEnvironmentVariables();
        return manager;
    }

    public static ConfigLoader.Result Load(string[] args)
    {
        try
        {
            return ConfigLoader.Load(BuildConfiguration(args, out _), Environment.GetEnvironmentVariable);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException or IOException)
        {
            return new ConfigLoader.Result(null, [new ConfigProblem("config file", ex.Message)]);
        }
    }

    public static bool Report(ConfigLoader.Result result) => Report(result, Console.Error);

    public static bool Report(ConfigLoader.Result result, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stderr);
        if (result.Ok)
        {
            return true;
        }

        stderr.WriteLine($"chatopswatch: {result.Problems.Count} configuration problem(s):");
        foreach (var problem in result.Problems)
        {
            stderr.WriteLine($"  {problem}");
        }

        return false;
    }

    private static int CheckConfig(string[] args)
    {
        var result = Load(args);
        if (!Report(result))
        {
            return ExitConfig;
        }

        var c = result.Config!;
        Console.WriteLine($"configuration OK: {c.Nodes.Count} node(s), database {c.DatabasePath}, notifier {(c.Telegram is null ? "console (no Telegram token set)" : $"Telegram {c.Telegram.ApiBaseUrl}, ops chat {c.Telegram.OpsChatId}")}");
        foreach (var n in c.Nodes)
        {
            Console.WriteLine($"  {n.Name,-20} {(n.Ssh is null ? "this machine" : $"{n.Ssh.User}@{n.Ssh.Host}:{n.Ssh.Port}"),-32} {n.Info.TagLine,-28} every {n.Info.Interval}");
        }

        return 0;
    }
}

using Microsoft.Extensions.FileProviders;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>The verbs: run (default), check-config, health, import-known-hosts FILE, forget-hostkey NODE, backtest, baseline, noise, evaluate, storage.</summary>
public static class CommandLine
{
    public const int ExitConfig = 2;
    public const int ExitStorage = 3;
    public const int ExitUsage = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var (verb, rest) = args.Length > 0 && !args[0].StartsWith('-') ? (args[0], args[1..]) : ("run", args);
        if (!Usages.ByVerb.TryGetValue(verb, out var usage))
        {
            Console.Error.WriteLine($"chatopswatch: unknown command '{verb}'\n\n{Usage}");
            return ExitUsage;
        }

        // --help anywhere prints the verb's usage and does nothing else: it must never start a second monitor.
        if (verb == "help" || rest.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(verb == "help" && rest.Length > 0 && Usages.ByVerb.TryGetValue(rest[0], out var of) ? of : usage);
            return 0;
        }

        return verb switch
        {
            "run" => await WithArgs(rest, usage, [], a => RunCommand.RunAsync(a.ConfigArgs)),
            "check-config" => await WithArgs(rest, usage, [], a => Task.FromResult(CheckConfig(a.ConfigArgs))),
            "health" => await WithArgs(rest, usage, [], a => HealthCommand.RunAsync(a.ConfigArgs, Console.Out, Console.Error, TimeProvider.System)),
            "import-known-hosts" => await WithArgs(rest, usage, ["FILE"], a => HostKeyCommands.ImportAsync(Load(a.ConfigArgs), a.Operands[0])),
            "forget-hostkey" => await WithArgs(rest, usage, ["NODE"], a => HostKeyCommands.ForgetAsync(Load(a.ConfigArgs), a.Operands[0])),
            "backtest" => await BacktestCommand.RunAsync(rest, Console.Error),
            "baseline" => BaselineCommand.Run(rest, Console.Out, Console.Error, TimeProvider.System),
            "evaluate" => EvaluateCommand.Run(rest, Console.Out, Console.Error),
            "storage" => await WithArgs([.. rest.Where(a => a != "--maintain")], usage, [], a => StorageCommand.RunAsync(a.ConfigArgs, rest.Contains("--maintain"), Console.Out, Console.Error)),
            _ => NoiseCommand.Run(rest, Console.Out, Console.Error, TimeProvider.System),
        };
    }

    private static async Task<int> WithArgs(string[] rest, string usage, string[] operands, Func<VerbArgs, Task<int>> run)
    {
        var (parsed, error) = VerbArgs.Parse(rest, operands);
        if (parsed is null)
        {
            await Console.Error.WriteLineAsync($"chatopswatch: {error}\n{usage}");
            return ExitUsage;
        }

        return await run(parsed);
    }

    public const string Usage = """
        usage: chatopswatch [run] [--config FILE]          start monitoring (the default)
               chatopswatch VERB --help                    the usage of one verb (also: chatopswatch help VERB)
               chatopswatch check-config [--config FILE]   validate the configuration and exit (0 = valid, 2 = problems)
               chatopswatch health [--config FILE]         is the running monitor healthy? (0 = yes, 1 = no, naming the failed check)
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
               chatopswatch storage [--config FILE] [--maintain]
                                                           the database's size by table and tier, rows, bytes per poll, the oldest data
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
        var problems = new List<ConfigProblem>();
        var local = Path.Combine(settings.ContentRootPath, "appsettings.json");
        problems.AddRange(ConfigFiles.Check(local, optional: true));
        if (file is not null)
        {
            problems.AddRange(ConfigFiles.Check(Path.GetFullPath(file), optional: false));
        }

        if (problems.Count > 0)
        {
            throw new ConfigFileException(problems);
        }

        var manager = new ConfigurationManager();
        manager.SetBasePath(settings.ContentRootPath);
        manager.AddJsonFile(s => Json(s, local, optional: true));
        if (file is not null)
        {
            manager.AddJsonFile(s => Json(s, Path.GetFullPath(file), optional: false));
        }

        manager.AddEnvironmentVariables();
        return manager;
    }

    /// <summary>
    /// A watched JSON file. A broken edit while running is not thrown on a file-watcher thread (where nobody sees it):
    /// the reload goes on, and NodeScheduler checks the files, logs the problem and keeps the running configuration.
    /// </summary>
    private static void Json(Microsoft.Extensions.Configuration.Json.JsonConfigurationSource source, string path, bool optional)
    {
        source.Path = path;
        source.Optional = optional;
        source.ReloadOnChange = true;
        source.OnLoadException = context => context.Ignore = true; // the files were checked just before: see ConfigFiles
        source.ResolveFileProvider();
        if (source.FileProvider is PhysicalFileProvider { Root: var root })
        {
            // The default watcher is inotify on the whole directory tree, and the database lives below it by default
            // (data/chatopswatch.db): every WAL write of every poll woke a thread to stat and drop the event (issue 10:
            // 4 % of the Worker's CPU at 200 nodes). Looking at the file's time stamp every 4 s costs one stat.
            source.FileProvider = new PhysicalFileProvider(root) { UsePollingFileWatcher = true, UseActivePolling = true };
        }
    }

    public static ConfigLoader.Result Load(string[] args)
    {
        try
        {
            return ConfigLoader.Load(BuildConfiguration(args, out _), Environment.GetEnvironmentVariable);
        }
        catch (ConfigFileException ex)
        {
            return new ConfigLoader.Result(null, ex.Problems);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
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

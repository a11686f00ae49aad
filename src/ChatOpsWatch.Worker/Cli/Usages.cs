namespace ChatOpsWatch.Worker.Cli;

/// <summary>The usage text of each verb, printed by <c>VERB --help</c> (exit 0) and after a usage error (exit 64).</summary>
internal static class Usages
{
    public const string Run = "usage: chatopswatch [run] [--config FILE]\n  start monitoring (the default verb); runs until stopped";
    public const string CheckConfig = "usage: chatopswatch check-config [--config FILE]\n  validate the configuration and exit (0 = valid, 2 = problems)";
    public const string ImportKnownHosts = "usage: chatopswatch import-known-hosts FILE [--config FILE]\n  pin host keys of configured nodes from an OpenSSH known_hosts file";
    public const string ForgetHostKey = "usage: chatopswatch forget-hostkey NODE [--config FILE]\n  drop a node's pinned keys after an expected key change (re-pinned on next contact)";

    public const string Health = "usage: chatopswatch health [--config FILE]\n  judge the running monitor by its database: writable, a poll fired within 2 intervals, the outbox\n  draining (0 = healthy, 1 = unhealthy, naming each failed check); for HEALTHCHECK and watchdogs";

    public static readonly IReadOnlyDictionary<string, string> ByVerb = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["run"] = Run,
        ["check-config"] = CheckConfig,
        ["import-known-hosts"] = ImportKnownHosts,
        ["forget-hostkey"] = ForgetHostKey,
        ["health"] = Health,
        ["backtest"] = BacktestCommand.Usage,
        ["baseline"] = BaselineCommand.Usage,
        ["noise"] = NoiseCommand.Usage,
        ["evaluate"] = EvaluateCommand.Usage,
        ["storage"] = StorageCommand.Usage,
        ["help"] = CommandLine.Usage,
    };
}

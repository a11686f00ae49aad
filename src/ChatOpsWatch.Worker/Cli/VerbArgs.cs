namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// The arguments of the verbs that take only <c>--config FILE</c> and a fixed number of operands (run, check-config,
/// import-known-hosts, forget-hostkey). Anything else is a usage error, so a typo never starts the monitor.
/// </summary>
internal sealed record VerbArgs(string[] ConfigArgs, string[] Operands)
{
    public static (VerbArgs? Args, string? Error) Parse(string[] args, params string[] operandNames)
    {
        var config = new List<string>();
        var operands = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                if (i + 1 >= args.Length)
                {
                    return (null, "--config needs a value (a JSON file)");
                }

                config.AddRange(["--config", args[++i]]);
            }
            else if (args[i].StartsWith('-') && args[i].Length > 1)
            {
                return (null, $"unknown option '{args[i]}'");
            }
            else
            {
                operands.Add(args[i]);
            }
        }

        if (operands.Count < operandNames.Length)
        {
            return (null, $"missing {operandNames[operands.Count]}");
        }

        return operands.Count > operandNames.Length
            ? (null, $"unexpected argument '{operands[operandNames.Length]}'")
            : (new VerbArgs([.. config], [.. operands]), null);
    }
}

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>A configuration file that cannot be read or is not valid JSON; each problem names the file (and line and column).</summary>
public sealed class ConfigFileException(IReadOnlyList<ConfigProblem> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}

using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Infrastructure.Probe;

namespace ChatOpsWatch.Infrastructure.Tests.Probe;

/// <summary>probe.sh and the parser's one table of sections (<see cref="ProbeSections"/>) agree.</summary>
public sealed class ProbeSectionsTests
{
    [Fact]
    public async Task Script_RunWithProcessesAndPorts_PrintsOnlySectionsTheTableKnowsAndEveryExpectedOne()
    {
        var result = await Shell.Run("/bin/sh", ["-c", ProbeScript.Script], new Dictionary<string, string> { ["COW_PROCS"] = "sh", ["COW_PORTS"] = "9" });

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        var printed = lines.Select(f => f[0]).Where(n => n is not ("cowprobe" or "end" or "unavailable")).ToHashSet(StringComparer.Ordinal);
        var unavailable = lines.Where(f => f[0] == "unavailable").Select(f => f[1]).ToHashSet(StringComparer.Ordinal);
        Assert.All(printed, name => Assert.NotNull(ProbeSections.Find(name)));
        Assert.All(ProbeSections.ExpectedIn(ProbeParser.SupportedVersion), s => Assert.True(printed.Contains(s.Name) || unavailable.Contains(s.Name), $"the probe printed no '{s.Name}' line"));
        Assert.Contains("proc", printed);
        Assert.Contains("port", printed);
    }
}

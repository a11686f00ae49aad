using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Noise;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Tests.Engine.Noise;

public sealed class EpisodeReplayTests
{
    [Fact]
    public void Finish_StoredCpuSpikes_GivesTheLiveRulesEpisodesWithPeaksAndTagsAfterTheWarmUp()
    {
        var node = Some.Node();
        var replay = new EpisodeReplay(MonitorSettings.Default, EngineOptions.Default, new Dictionary<string, NodeInfo> { [node.Name] = node }, Some.At(60));
        for (var minute = 0; minute < 180; minute++)
        {
            // A spike in the warm-up hour (left out), then two 3-minute spikes to 80 and 83 %.
            var cpu = minute % 60 is >= 30 and < 33 ? 80 + (minute / 60 * 1.5) : 20;
            replay.Observe(new Sample(node.Name, Some.At(minute), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = cpu }));
        }

        var episodes = replay.Finish();

        Assert.Equal([(Some.At(90), 81.5), (Some.At(150), 83)], episodes.Select(e => (e.Start, e.Peak!.Value)));
        Assert.All(episodes, e => Assert.Equal(("cpu", TimeSpan.FromMinutes(3), "tokyo"), (e.Rule, e.Length!.Value, e.Tags!["region"])));
    }
}

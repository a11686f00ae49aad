namespace ChatOpsWatch.Domain.Network;

/// <summary>
/// Statistics of one burst of probes. Latency figures are null when nothing answered (absent,
/// never zero). Jitter is the mean absolute difference between consecutive replies' round trips
/// (RFC 3550's idea without the smoothing), so a burst of one reply has jitter 0.
/// </summary>
public sealed record BurstStats(int Sent, int Replies, int Refused, int Lost, double? MinMs, double? AvgMs, double? MaxMs, double? JitterMs)
{
    /// <summary>Percent of probes that got no answer at all; a refusal is an answer.</summary>
    public double LossPct => Sent == 0 ? 0 : 100.0 * Lost / Sent;

    /// <summary>Summarises a burst. <see cref="EchoResult.NotPermitted"/> results are not probes sent and are left out.</summary>
    public static BurstStats Of(IEnumerable<EchoResult> results)
    {
        var rtts = new List<double>();
        int refused = 0, lost = 0;
        foreach (var r in results)
        {
            switch (r)
            {
                case EchoResult.Reply reply:
                    rtts.Add(reply.Milliseconds);
                    break;
                case EchoResult.Refused:
                    refused++;
                    break;
                case EchoResult.Lost:
                    lost++;
                    break;
            }
        }

        var sent = rtts.Count + refused + lost;
        if (rtts.Count == 0)
        {
            return new BurstStats(sent, 0, refused, lost, null, null, null, null);
        }

        var jitter = 0.0;
        for (var i = 1; i < rtts.Count; i++)
        {
            jitter += Math.Abs(rtts[i] - rtts[i - 1]);
        }

        return new BurstStats(sent, rtts.Count, refused, lost, rtts.Min(), rtts.Average(), rtts.Max(), rtts.Count > 1 ? jitter / (rtts.Count - 1) : 0);
    }
}

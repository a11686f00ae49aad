namespace ChatOpsWatch.Domain.SelfWatch;

/// <summary>The checks of <c>chatopswatch health</c>, in the order they are reported.</summary>
public enum HealthCheck
{
    Database,
    Scheduler,
    Outbox,
}

/// <summary>One check's verdict and a line saying why, with the figures it compared.</summary>
public sealed record HealthResult(HealthCheck Check, bool Ok, string Detail)
{
    public override string ToString() => $"{Check.ToString().ToLowerInvariant()}: {(Ok ? "ok" : "FAILED")}: {Detail}";
}

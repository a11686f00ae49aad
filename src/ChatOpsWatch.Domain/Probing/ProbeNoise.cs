namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// Text the node printed before the framed probe output (a login banner, an echo in .bashrc): how much, and its
/// first line, sanitised. The poll reads past it; the monitor reports it once per node as a notice.
/// </summary>
public sealed record ProbeNoise(int Characters, int Lines, string FirstLine);

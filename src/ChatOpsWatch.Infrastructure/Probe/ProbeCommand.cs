namespace ChatOpsWatch.Infrastructure.Probe;

/// <summary>
/// A node's exec command line held in two parts: a short per-node <see cref="Head"/> (the wrapper, the deadline, the
/// nonce and the node's targets) and a <see cref="Tail"/> that every node shares (the quoted probe script, about 19,000
/// characters). A session keeps only its head, and <see cref="Text"/> joins the two for one exec, so 1,000 sessions do
/// not keep 1,000 copies of the script (38 KB each as a .NET string; issue 10).
/// </summary>
public sealed record ProbeCommand(string Head, string Tail)
{
    /// <summary>The whole command line, built for one exec (a short-lived string).</summary>
    public string Text() => string.Concat(Head, Tail);

    /// <summary>A command with nothing shared (tests, one-off commands).</summary>
    public static ProbeCommand FromString(string text) => new(text, string.Empty);

    public static implicit operator ProbeCommand(string text) => FromString(text);

    public override string ToString() => Text();
}

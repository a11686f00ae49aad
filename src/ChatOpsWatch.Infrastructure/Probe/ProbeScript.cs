using System.Globalization;
using System.Text;

namespace ChatOpsWatch.Infrastructure.Probe;

/// <summary>
/// The node probe (probe.sh, embedded) and the command line that runs it over SSH. The output is
/// read by <see cref="Domain.Probing.ProbeParser"/>.
/// </summary>
public static class ProbeScript
{
    private const string ResourceName = "ChatOpsWatch.probe.sh";

    // Runs the script ($2) under `timeout $1` so a hung probe (a stale NFS mount stalls df) cannot
    // pile up on the node. Exit codes 125-127 mean timeout itself failed before running anything
    // (bad option, or old BusyBox reading "5" as the program): try the old BusyBox "-t SECS" form,
    // then run without a deadline. Any other code, including a kill at the deadline, is final.
    private const string Wrapper =
        "if command -v timeout >/dev/null 2>&1; then for o in '' -t; do timeout $o \"$1\" sh -c \"$2\" 2>/dev/null; r=$?; "
        + "case $r in 125|126|127) ;; *) exit $r ;; esac; done; fi; exec sh -c \"$2\"";

    /// <summary>
    /// The probe's text without comments or indentation (it is sent with every poll). Run it with
    /// <c>/bin/sh -c</c> on the local node.
    /// </summary>
    public static string Script { get; } = Compact(LoadResource());

    /// <summary>
    /// One command line for an SSH exec: runs <see cref="Script"/> with sh, under <c>timeout</c> when
    /// the node has it, killed after <paramref name="deadline"/> (whole seconds, rounded up, at least 1).
    /// Assumes a POSIX login shell on the node (sh, bash, dash, ash, zsh).
    /// </summary>
    public static string RemoteCommand(TimeSpan deadline) => RemoteCommand(deadline, ProbeTargets.None);

    /// <summary>As <see cref="RemoteCommand(TimeSpan)"/>, checking the node's configured processes and ports too.</summary>
    public static string RemoteCommand(TimeSpan deadline, ProbeTargets targets, string? nonce = null) => Command(deadline, targets, nonce).Text();

    /// <summary>
    /// <see cref="RemoteCommand(TimeSpan, ProbeTargets, string?)"/> as a per-node head and the tail every node shares
    /// (<see cref="ProbeCommand"/>): quoting works character by character, so the quoted script is the quoted head of
    /// the argument followed by one shared quoted <see cref="Script"/> and its closing quote.
    /// </summary>
    public static ProbeCommand Command(TimeSpan deadline, ProbeTargets targets, string? nonce = null)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(deadline.TotalSeconds));
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"sh -c {Quote(Wrapper)} cowprobe {seconds} '{Escape(Header(targets, nonce))}");
        return new ProbeCommand(head, QuotedScriptTail);
    }

    private static readonly string QuotedScriptTail = Escape(Script) + "'";

    /// <summary>
    /// The script with the node's targets set at its top; run it with <c>/bin/sh -c</c> on the local node. With a
    /// <paramref name="nonce"/> (<see cref="ProbeNonce"/>) the output is framed by <c>cowprobe 2 NONCE</c> and <c>end NONCE</c>.
    /// </summary>
    public static string For(ProbeTargets targets, string? nonce = null) => Header(targets, nonce) + Script;

    private static string Header(ProbeTargets targets, string? nonce)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (nonce is not null && !ProbeNonce.IsValid(nonce))
        {
            throw new ArgumentException($"'{nonce}' is not a probe nonce", nameof(nonce));
        }

        return (nonce is null ? string.Empty : $"COW_NONCE={nonce}\n") + targets.ShellAssignments();
    }

    /// <summary>Single-quotes <paramref name="text"/> for a POSIX shell: every ' becomes '\''.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + Escape(text) + "'";
    }

    private static string Escape(string text) => text.Replace("'", "'\\''", StringComparison.Ordinal);

    /// <summary>Drops blank lines, whole-line comments and leading indentation; probe.sh keeps no text where those matter.</summary>
    internal static string Compact(string script)
    {
        var sb = new StringBuilder(script.Length);
        foreach (var raw in script.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimStart(' ', '\t');
            if (line.Length > 0 && line[0] != '#')
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string LoadResource()
    {
        using var stream = typeof(ProbeScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(ProbeScript).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

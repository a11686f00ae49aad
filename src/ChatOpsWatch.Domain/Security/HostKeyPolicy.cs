namespace ChatOpsWatch.Domain.Security;

/// <summary>
/// Trust on first use, then never accept another key silently. A node with any pinned key only
/// accepts a pinned key, even one of a different algorithm: a server that suddenly offers a new key
/// type is treated like a changed key.
/// </summary>
public static class HostKeyPolicy
{
    public static HostKeyVerdict Decide(IReadOnlyCollection<PinnedHostKey> pins, string algorithm, string fingerprint)
    {
        if (pins.Count == 0)
        {
            return HostKeyVerdict.FirstUse;
        }

        return pins.Any(p => p.Algorithm == algorithm && p.Fingerprint == fingerprint)
            ? HostKeyVerdict.Trusted
            : HostKeyVerdict.Mismatch;
    }
}

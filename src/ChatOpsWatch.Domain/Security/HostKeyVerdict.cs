namespace ChatOpsWatch.Domain.Security;

public enum HostKeyVerdict
{
    /// <summary>The presented key is pinned.</summary>
    Trusted,

    /// <summary>Nothing pinned yet: trust on first use, pin it and announce it.</summary>
    FirstUse,

    /// <summary>Keys are pinned and this is not one of them: refuse before authenticating.</summary>
    Mismatch,
}

namespace ChatOpsWatch.Domain.Security;

/// <summary>A trusted host key: its algorithm (e.g. ssh-ed25519) and OpenSSH-style SHA-256 fingerprint ("SHA256:base64", no padding).</summary>
public sealed record PinnedHostKey(string Node, string Algorithm, string Fingerprint, string Source);

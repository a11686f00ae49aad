using ChatOpsWatch.Domain.Nodes;

namespace ChatOpsWatch.Domain.Chat.NodeAdmin;

/// <summary>
/// A validated /addnode: every field passed <see cref="NodeAddParser"/>, so each is safe to show in chat, log and
/// hand to SSH.NET as a parsed value. <see cref="KeyName"/> names a key in the configuration (Ssh:Keys), never
/// the key itself.
/// </summary>
public sealed record NodeAddRequest(string Name, string User, string Host, int Port, string Provider, string Region, NodeRole Role, string KeyName)
{
    /// <summary>The key used when /addnode names none.</summary>
    public const string DefaultKeyName = "default";

    public NodeInfo Info => new(Name, Provider, Region, Role, NodeInfo.DefaultInterval(Role));

    /// <summary>"user@host:port", IPv6 literals in brackets.</summary>
    public string Target => $"{User}@{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}

/// <summary>Why an /addnode was refused: a catalogue key (nodeadmin.invalid.*) and the offending text, unescaped.</summary>
public sealed record NodeAddProblem(string TextKey, string Given);

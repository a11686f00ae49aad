namespace ChatOpsWatch.Domain.Network;

/// <summary>
/// Whether a node's DNS name now resolves to other addresses than before. The order DNS returns
/// them in is ignored (round robin is not a change); the first resolution is never a change.
/// </summary>
public static class AddressChange
{
    public static bool Changed(IReadOnlyCollection<string>? previous, IReadOnlyCollection<string> current) =>
        previous is not null && !previous.ToHashSet(StringComparer.Ordinal).SetEquals(current);
}

using System.Text.RegularExpressions;

namespace ChatOpsWatch.Domain.Nodes;

/// <summary>
/// Node names end up in chat, logs, SQL parameters and Quartz keys, so they are restricted to a
/// conservative alphabet instead of being escaped at every use.
/// </summary>
public static partial class NodeName
{
    public const int MaxLength = 48;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && Pattern().IsMatch(name);

    public const string Rule = "1-48 characters: letters, digits, '-', '_' or '.', starting with a letter or digit";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Checks a JSON configuration file before the configuration system reads it, because that only says "Failed to
/// load configuration from file": here an unreadable file, invalid JSON (with line, column and reason), a
/// duplicate key, and a number or boolean where a name, host or path belongs (<c>"Path": 5</c>) each become a
/// <see cref="ConfigProblem"/>.
/// </summary>
public static class ConfigFiles
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The problems of every JSON file <paramref name="configuration"/> reads (a configuration built by the CLI).</summary>
    public static IReadOnlyList<ConfigProblem> CheckAll(IConfiguration configuration) =>
        configuration is IConfigurationBuilder builder
            ? [.. builder.Sources.OfType<JsonConfigurationSource>().SelectMany(s => Check(s.FileProvider?.GetFileInfo(s.Path ?? "").PhysicalPath ?? s.Path ?? "", s.Optional))]
            : [];

    /// <summary>The problems of one file; none for a valid file, or for a missing one that is <paramref name="optional"/>.</summary>
    public static IReadOnlyList<ConfigProblem> Check(string path, bool optional)
    {
        string text;
        try
        {
            if (Directory.Exists(path))
            {
                return [new ConfigProblem(path, "is a directory, not a JSON file")];
            }

            if (!File.Exists(path))
            {
                return optional ? [] : [new ConfigProblem(path, "no such file")];
            }

            text = File.ReadAllText(path);
        }
        catch (UnauthorizedAccessException)
        {
            return [new ConfigProblem(path, "cannot be read: permission denied (the user running chatopswatch needs read access)")];
        }
        catch (IOException ex)
        {
            return [new ConfigProblem(path, $"cannot be read: {ex.Message}")];
        }

        try
        {
            using var doc = JsonDocument.Parse(text, Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new ConfigProblem(path, $"the top level must be a JSON object {{ ... }}, not {Describe(doc.RootElement)}")];
            }

            var problems = new List<ConfigProblem>();
            Walk(doc.RootElement, null, null, path, problems);
            return problems;
        }
        catch (JsonException ex)
        {
            return [new ConfigProblem($"{path}:{ex.LineNumber + 1}:{ex.BytePositionInLine + 1}", $"invalid JSON: {Reason(ex)}")];
        }
    }

    private static void Walk(JsonElement element, string? prefix, ConfigSchema.Node? schema, string file, List<ConfigProblem> problems)
    {
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => (p.Name, p.Value)).ToList(),
            JsonValueKind.Array => element.EnumerateArray().Select((v, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), v)).ToList(),
            _ => [],
        };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in children)
        {
            var path = prefix is null ? name : $"{prefix}:{name}";
            if (!seen.Add(name))
            {
                problems.Add(new ConfigProblem(path, $"appears twice in {file}"));
                continue;
            }

            // Only keys under ChatOpsWatch: have a schema; other sections (Logging) belong to .NET.
            var child = prefix is null
                ? (string.Equals(name, ConfigLoader.Section, StringComparison.OrdinalIgnoreCase) ? ConfigSchema.Root : null)
                : schema?.Child(name);
            if (child is { IsText: true, Children.Count: 0 } && value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                problems.Add(new ConfigProblem(path, $"must be text in quotes (a name, host or path), not {Describe(value)}"));
            }

            Walk(value, path, child, file, problems);
        }
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };

    /// <summary>System.Text.Json's message without the position it appends (we print it as file:line:column).</summary>
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).TrimEnd('.', ' ');
    }
}

using System.Globalization;
using ChatOpsWatch.Domain.Time;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Reads typed values from raw configuration strings, collecting every problem with its key path
/// instead of stopping at the first (the binder would throw on the first bad value).
/// </summary>
internal sealed class ConfigReader(List<ConfigProblem> problems)
{
    public List<ConfigProblem> Problems => problems;

    public void Problem(IConfiguration section, string key, string message) =>
        problems.Add(new ConfigProblem(PathOf(section, key), message));

    public static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection s ? $"{s.Path}:{key}" : key;

    public string? String(IConfiguration section, string key, string? fallback = null)
    {
        var value = section[key];
        if (value is not null && value.Any(char.IsControl))
        {
            Problem(section, key, "contains control characters");
            return fallback;
        }

        return string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
    }

    public int Int(IConfiguration section, string key, int fallback, int min, int max)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            Problem(section, key, $"'{raw}' is not a whole number from {min} to {max}");
            return fallback;
        }

        return v;
    }

    public double? Double(IConfiguration section, string key)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v) || double.IsInfinity(v))
        {
            Problem(section, key, $"'{raw}' is not a number");
            return null;
        }

        return v;
    }

    public long? Long(IConfiguration section, string key)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            Problem(section, key, $"'{raw}' is not a whole number (Telegram ids are integers; groups are negative)");
            return null;
        }

        return v;
    }

    public bool Bool(IConfiguration section, string key, bool fallback)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!bool.TryParse(raw, out var v))
        {
            Problem(section, key, $"'{raw}' is not true or false");
            return fallback;
        }

        return v;
    }

    public TimeSpan? Duration(IConfiguration section, string key, TimeSpan min)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (!DurationText.TryParse(raw, out var v) || v < min)
        {
            Problem(section, key, $"'{raw}' is not a duration of at least {DurationText.Format(min)} (write e.g. 30s, 5m, 1h)");
            return null;
        }

        return v;
    }

    public HashSet<long> LongSet(IConfiguration section, string key)
    {
        var set = new HashSet<long>();
        var child = section.GetSection(key);
        if (child.Value is { Length: > 0 } scalar)
        {
            // Environment variables can only give a string: accept "1,2,3".
            foreach (var part in scalar.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
                {
                    set.Add(id);
                }
                else
                {
                    Problem(section, key, $"'{part}' is not a whole number");
                }
            }
        }

        foreach (var item in child.GetChildren())
        {
            if (Long(child, item.Key) is { } id)
            {
                set.Add(id);
            }
        }

        return set;
    }
}

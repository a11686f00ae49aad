using ChatOpsWatch.Infrastructure.Archive;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Archive:Influx:* (issue 14): off unless Enabled. Version 1 writes to /write with Database (and RetentionPolicy, User
/// with PasswordEnv/PasswordFile); Version 2 to /api/v2/write with Org, Bucket and a token from TokenEnv (default
/// CHATOPSWATCH_INFLUX_TOKEN) or TokenFile. A Password or Token in the configuration itself is refused.
/// </summary>
internal static class ArchiveReader
{
    public const string DefaultTokenEnv = "CHATOPSWATCH_INFLUX_TOKEN";

    public static InfluxOptions? Read(ConfigReader read, IConfigurationSection root, Func<string, string?> env)
    {
        var influx = root.GetSection("Archive:Influx");
        foreach (var secret in new[] { "Password", "Token" })
        {
            if (!string.IsNullOrEmpty(influx[secret]))
            {
                read.Problem(influx, secret, $"secrets are not read from configuration files; name an environment variable ({secret}Env) or a file ({secret}File)");
            }
        }

        if (!read.Bool(influx, "Enabled", false))
        {
            return null;
        }

        var url = Url(read, influx);
        var version = read.Int(influx, "Version", 1, 1, 2);
        var options = new InfluxOptions(url ?? new Uri("http://127.0.0.1:8086"), version == 2 ? InfluxApi.V2 : InfluxApi.V1)
        {
            BatchPoints = read.Int(influx, "BatchPoints", 5000, 1, 100_000),
            FlushAge = read.Duration(influx, "FlushAge", TimeSpan.FromSeconds(1)) ?? TimeSpan.FromSeconds(10),
            MaxSpoolBytes = read.Int(influx, "MaxSpoolMb", 512, 1, 1_048_576) * 1024L * 1024,
            Timeout = read.Duration(influx, "Timeout", TimeSpan.FromSeconds(1)) ?? TimeSpan.FromSeconds(10),
        };
        return version == 2 ? V2(read, influx, env, options) : V1(read, influx, env, options);
    }

    private static Uri? Url(ConfigReader read, IConfigurationSection influx)
    {
        if (read.String(influx, "Url") is not { } raw)
        {
            read.Problem(influx, "Url", "is required when Archive:Influx:Enabled is true (e.g. http://127.0.0.1:8086)");
            return null;
        }

        if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Query))
        {
            return uri;
        }

        read.Problem(influx, "Url", $"'{raw}' is not an http(s) URL without credentials or query (e.g. http://127.0.0.1:8086)");
        return null;
    }

    private static InfluxOptions V1(ConfigReader read, IConfigurationSection influx, Func<string, string?> env, InfluxOptions options)
    {
        Refuse(read, influx, "for Version 2 only; Version 1 uses Database", "Org", "Bucket", "TokenEnv", "TokenFile");
        var database = read.String(influx, "Database");
        if (database is null)
        {
            read.Problem(influx, "Database", "is required with Version 1 (the database written to)");
        }

        var user = read.String(influx, "User");
        var passwordEnv = read.String(influx, "PasswordEnv");
        var passwordFile = read.String(influx, "PasswordFile");
        string? password = null;
        if (user is null && (passwordEnv ?? passwordFile) is not null)
        {
            read.Problem(influx, "User", "is required with PasswordEnv or PasswordFile");
        }
        else if (user is not null)
        {
            if ((passwordEnv ?? passwordFile) is null)
            {
                read.Problem(influx, "PasswordEnv", "is required with User (or PasswordFile): the password of that user");
            }
            else
            {
                password = SecretReader.Read(read, influx, "PasswordFile", passwordFile, passwordEnv, env, required: true);
            }
        }

        return options with { Database = database, RetentionPolicy = read.String(influx, "RetentionPolicy"), User = user, Password = password };
    }

    private static InfluxOptions V2(ConfigReader read, IConfigurationSection influx, Func<string, string?> env, InfluxOptions options)
    {
        Refuse(read, influx, "for Version 1 only; Version 2 uses Org, Bucket and a token", "Database", "RetentionPolicy", "User", "PasswordEnv", "PasswordFile");
        var org = read.String(influx, "Org");
        var bucket = read.String(influx, "Bucket");
        if (org is null)
        {
            read.Problem(influx, "Org", "is required with Version 2 (the organisation's name)");
        }

        if (bucket is null)
        {
            read.Problem(influx, "Bucket", "is required with Version 2 (the bucket written to)");
        }

        var tokenEnv = read.String(influx, "TokenEnv", DefaultTokenEnv);
        var token = SecretReader.Read(read, influx, "TokenFile", read.String(influx, "TokenFile"), tokenEnv, env, required: true);
        return options with { Org = org, Bucket = bucket, Token = token };
    }

    private static void Refuse(ConfigReader read, IConfigurationSection influx, string why, params string[] keys)
    {
        foreach (var key in keys.Where(k => !string.IsNullOrEmpty(influx[k])))
        {
            read.Problem(influx, key, $"is {why}");
        }
    }
}

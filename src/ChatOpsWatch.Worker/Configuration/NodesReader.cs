using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Infrastructure.Ssh;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

internal static partial class NodesReader
{
    public static List<NodeConfig> Read(ConfigReader read, IConfigurationSection root, Func<string, string?> env)
    {
        var nodes = new List<NodeConfig>();
        var local = root.GetSection("Local");
        if (read.Bool(local, "Enabled", true))
        {
            var info = Info(read, local, read.String(local, "Name", "local")!, "self", "local");
            var targets = ProbeTargetsReader.Read(read, local);
            if (info is not null)
            {
                nodes.Add(new NodeConfig(info, null, targets, ChecksReader.Read(read, local)));
            }
        }

        foreach (var item in root.GetSection("Nodes").GetChildren())
        {
            var name = read.String(item, "Name");
            if (name is null)
            {
                read.Problem(item, "Name", "is required");
            }
            else if (nodes.Any(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                read.Problem(item, "Name", $"'{name}' is used by another node (names are unique, case-insensitively; 'local' is this machine)");
            }

            var info = Info(read, item, name ?? "?", "unknown", "unknown");
            var target = Target(read, item, name ?? "?", env);
            var targets = ProbeTargetsReader.Read(read, item);
            var checks = ChecksReader.Read(read, item);
            if (info is not null && target is not null && name is not null)
            {
                nodes.Add(new NodeConfig(info with { LegacySshAllowed = target.AllowLegacyAlgorithms }, target, targets, checks));
            }
        }

        return nodes;
    }

    private static NodeInfo? Info(ConfigReader read, IConfigurationSection s, string name, string provider, string region)
    {
        var ok = true;
        if (!NodeName.IsValid(name))
        {
            read.Problem(s, "Name", $"'{name}' is not a valid node name: {NodeName.Rule}");
            ok = false;
        }

        var roleText = read.String(s, "Role", "core")!;
        NodeRole? role = roleText.ToLowerInvariant() switch
        {
            "core" => NodeRole.Core,
            "edge" => NodeRole.Edge,
            _ => null,
        };
        if (role is null)
        {
            read.Problem(s, "Role", $"'{roleText}' is not a role: use core (polled every 30s) or edge (every 5m)");
            ok = false;
        }

        var interval = read.Duration(s, "Interval", TimeSpan.FromSeconds(1));
        var tags = (Provider: read.String(s, "Provider", provider)!, Region: read.String(s, "Region", region)!);
        foreach (var (key, value) in new[] { ("Provider", tags.Provider), ("Region", tags.Region) })
        {
            if (!TagPattern().IsMatch(value))
            {
                read.Problem(s, key, $"'{value}' is not a valid tag: 1-40 letters, digits, '-', '_' or '.'");
                ok = false;
            }
        }

        return ok ? new NodeInfo(name, tags.Provider, tags.Region, role!.Value, interval ?? NodeInfo.DefaultInterval(role.Value)) : null;
    }

    private static SshTarget? Target(ConfigReader read, IConfigurationSection s, string name, Func<string, string?> env)
    {
        var problemsBefore = read.Problems.Count;
        var host = read.String(s, "Host");
        if (host is null)
        {
            read.Problem(s, "Host", "is required (an IP address or DNS name)");
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            read.Problem(s, "Host", $"'{host}' is not a valid IP address or DNS name");
        }

        var port = read.Int(s, "Port", 22, 1, 65535);
        var user = read.String(s, "User", "root")!;
        if (!UserPattern().IsMatch(user))
        {
            read.Problem(s, "User", $"'{user}' is not a valid user name");
        }

        foreach (var secret in new[] { "Password", "KeyPassphrase" })
        {
            if (s[secret] is { Length: > 0 })
            {
                read.Problem(s, secret, $"secrets are not read from configuration files; use {secret}Env (an environment variable's name) or {secret}File");
            }
        }

        var auth = Auth(read, s, env);
        var legacy = read.Bool(s, "AllowLegacyAlgorithms", false);
        return read.Problems.Count > problemsBefore || auth is null || host is null ? null : new SshTarget(name, host, port, user, auth, legacy);
    }

    private static SshAuth? Auth(ConfigReader read, IConfigurationSection s, Func<string, string?> env)
    {
        var keyFile = read.String(s, "KeyFile");
        var passwordEnv = read.String(s, "PasswordEnv");
        var passwordFile = read.String(s, "PasswordFile");
        var count = (keyFile is null ? 0 : 1) + (passwordEnv is null && passwordFile is null ? 0 : 1);
        if (count != 1)
        {
            read.Problem(s, "KeyFile", count == 0
                ? "no authentication: set KeyFile (recommended), or PasswordEnv / PasswordFile"
                : "set either KeyFile or a password (PasswordEnv / PasswordFile), not both");
            return null;
        }

        if (keyFile is null)
        {
            var password = SecretReader.Read(read, s, "PasswordFile", passwordFile, passwordEnv, env, required: true);
            return password is null ? null : new SshAuth.Password(password);
        }

        var passphrase = SecretReader.Read(read, s, "KeyPassphraseFile", read.String(s, "KeyPassphraseFile"), read.String(s, "KeyPassphraseEnv"), env, required: false);
        var key = new SshAuth.KeyFile(keyFile, passphrase);
        try
        {
            using var _ = SshConnectionFactory.LoadKey(key);
            return key;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            read.Problem(s, "KeyFile", $"cannot read '{keyFile}': {ex.Message}");
        }
        catch (Exception ex)
        {
            read.Problem(s, "KeyFile", $"'{keyFile}' is not a usable private key: {ex.Message}");
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();
}

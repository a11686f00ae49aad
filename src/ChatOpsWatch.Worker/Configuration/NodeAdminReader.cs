using System.Text.RegularExpressions;
using ChatOpsWatch.Infrastructure.Ssh;
using Microsoft.Extensions.Configuration;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// The settings /addnode relies on. <c>ChatOpsWatch:Ssh:Keys:&lt;name&gt;</c> names the login keys a chat-added node
/// may use, so chat refers to a key by name and never carries one: either a path ("Keys:default": "/etc/cow/id_ed25519")
/// or a section with KeyFile and KeyPassphraseEnv / KeyPassphraseFile. <c>ChatOpsWatch:Telegram:ConfirmTimeout</c> is how
/// long a [Trust]/[Remove] prompt waits (default 10m). Read again at each use, so a reloaded file takes effect.
/// </summary>
internal static partial class NodeAdminReader
{
    public const string KeysPath = ConfigLoader.Section + ":Ssh:Keys";

    /// <summary>Adds every problem of these settings to <paramref name="read"/> (for start-up and check-config).</summary>
    public static void Validate(ConfigReader read, IConfigurationSection root, Func<string, string?> env)
    {
        foreach (var key in root.GetSection("Ssh:Keys").GetChildren())
        {
            if (!KeyName().IsMatch(key.Key))
            {
                read.Problem(root.GetSection("Ssh:Keys"), key.Key, $"'{key.Key}' is not a key name: 1-40 letters, digits, '-', '_' or '.'");
                continue;
            }

            Key(read, key, env);
        }

        ConfirmTimeout(read, root);
    }

    public static TimeSpan ConfirmTimeout(ConfigReader read, IConfigurationSection root) =>
        read.Duration(root.GetSection("Telegram"), "ConfirmTimeout", TimeSpan.FromSeconds(10)) ?? PendingNodeChanges.DefaultTtl;

    /// <summary>The key named <paramref name="name"/> (case-insensitive), or null when none is configured or it is unusable.</summary>
    public static SshAuth.KeyFile? Find(IConfiguration configuration, string name, Func<string, string?> env)
    {
        if (!KeyName().IsMatch(name))
        {
            return null;
        }

        var section = configuration.GetSection(KeysPath).GetSection(name);
        return section.Exists() ? Key(new ConfigReader([]), section, env) : null;
    }

    private static SshAuth.KeyFile? Key(ConfigReader read, IConfigurationSection key, Func<string, string?> env)
    {
        var before = read.Problems.Count;
        var path = key.Value is { Length: > 0 } direct ? direct.Trim() : read.String(key, "KeyFile");
        if (path is null)
        {
            read.Problem(key, "KeyFile", "is required: the path of a private key file");
            return null;
        }

        var passphrase = key.Value is null
            ? SecretReader.Read(read, key, "KeyPassphraseFile", read.String(key, "KeyPassphraseFile"), read.String(key, "KeyPassphraseEnv"), env, required: false)
            : null;
        var auth = new SshAuth.KeyFile(path, passphrase);
        try
        {
            using var _ = SshConnectionFactory.LoadKey(auth);
        }
        catch (Exception ex)
        {
            read.Problem(key, "KeyFile", $"'{path}' is not a usable private key: {ex.Message}");
        }

        return read.Problems.Count > before ? null : auth;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyName();
}

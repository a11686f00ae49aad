using System.Globalization;
using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Worker.Tests.EndToEnd;

/// <summary>Two real sshd nodes for /addnode (lab prefix "add", net 241), and the monitor's environment: no configured nodes, one named key.</summary>
public sealed class AddNodeLabFixture : IAsyncLifetime
{
    public const long OpsChat = -1001;
    public const long Admin = 42;

    public LabNodes Lab { get; private set; } = null!;

    public async Task InitializeAsync() => Lab = await LabNodes.StartAsync(2, "add", 241);

    public async Task DisposeAsync() => await Lab.DisposeAsync();

    public Dictionary<string, string> Environment(string botApiUrl, string token) => new()
    {
        ["CHATOPSWATCH_TELEGRAM_TOKEN"] = token,
        ["ChatOpsWatch__Telegram__ApiBaseUrl"] = botApiUrl,
        ["ChatOpsWatch__Telegram__OpsChatId"] = OpsChat.ToString(CultureInfo.InvariantCulture),
        ["ChatOpsWatch__Telegram__AdminUserIds"] = Admin.ToString(CultureInfo.InvariantCulture),
        ["ChatOpsWatch__Local__Enabled"] = "false",
        ["ChatOpsWatch__Ssh__ConnectTimeout"] = "3s",
        ["ChatOpsWatch__Ssh__ProbeDeadline"] = "5s",
        ["ChatOpsWatch__Ssh__Keys__default"] = Lab.Ed25519Key,
        ["Logging__LogLevel__Default"] = "Information",
    };

    /// <summary>The sshd log of <paramref name="node"/> written after <paramref name="offset"/> characters.</summary>
    public string LogSince(LabNode node, int offset)
    {
        var text = File.ReadAllText(Lab.LogPath(node));
        return text.Length > offset ? text[offset..] : "";
    }

    public int LogLength(LabNode node) => File.ReadAllText(Lab.LogPath(node)).Length;

    /// <summary>What <c>ssh-keygen -lf</c> prints for the node's host key of this algorithm: "SHA256:…".</summary>
    public async Task<string> KeygenFingerprintAsync(LabNode node, string algorithm)
    {
        var type = algorithm.Contains("ed25519", StringComparison.Ordinal) ? "ed25519" : algorithm.Contains("ecdsa", StringComparison.Ordinal) ? "ecdsa" : "rsa";
        var output = await ShellCommand.RunAsync("ssh-keygen", ["-lf", Path.Combine(Lab.Directory, node.Name, $"ssh_host_{type}_key.pub")]);
        return output.Split(' ')[1];
    }
}

[CollectionDefinition(Name)]
public sealed class AddNodeLabGroup : ICollectionFixture<AddNodeLabFixture>
{
    public const string Name = "two sshd nodes for /addnode";
}

using ChatOpsWatch.Domain.Security;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>Operator verbs for host-key trust, run while the monitor is stopped or running.</summary>
internal static class HostKeyCommands
{
    public static async Task<int> ImportAsync(ConfigLoader.Result config, string file)
    {
        if (!CommandLine.Report(config))
        {
            return CommandLine.ExitConfig;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"cannot read known_hosts file '{file}': {ex.Message}");
            return CommandLine.ExitUsage;
        }

        var problems = new List<string>();
        var entries = KnownHostsFile.Parse(text, problems);
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"{file}: {problem}");
        }

        using var stores = StorageComposition.ForVerb(config.Config!, TimeProvider.System);
        var store = stores.GetRequiredService<IHostKeyStore>();
        var imported = 0;
        foreach (var node in config.Config!.Nodes.Where(n => n.Ssh is not null))
        {
            foreach (var entry in entries.Where(e => e.Matches(node.Ssh!.Host, node.Ssh.Port)))
            {
                await store.PinAsync(new PinnedHostKey(node.Name, entry.Algorithm, entry.Fingerprint, $"known_hosts:{Path.GetFileName(file)}:{entry.Line}"), null, TimeProvider.System.GetUtcNow(), CancellationToken.None);
                Console.WriteLine($"pinned {node.Name}: {entry.Algorithm} {entry.Fingerprint}");
                imported++;
            }
        }

        Console.WriteLine($"{imported} key(s) pinned from {file}");
        return 0;
    }

    public static async Task<int> ForgetAsync(ConfigLoader.Result config, string node)
    {
        if (!CommandLine.Report(config))
        {
            return CommandLine.ExitConfig;
        }

        using var stores = StorageComposition.ForVerb(config.Config!, TimeProvider.System);
        var store = stores.GetRequiredService<IHostKeyStore>();
        // A chat-added node is not in the configuration, but its pins are in the store.
        node = config.Config!.Nodes.FirstOrDefault(n => n.Ssh is not null && string.Equals(n.Name, node, StringComparison.OrdinalIgnoreCase))?.Name ?? node;
        if (!config.Config.Nodes.Any(n => n.Ssh is not null && n.Name == node) && (await store.PinsAsync(node, CancellationToken.None)).Count == 0)
        {
            var known = config.Config.Nodes.Where(n => n.Ssh is not null).Select(n => n.Name).ToList();
            await Console.Error.WriteLineAsync($"forget-hostkey: no node '{node}' with pinned host keys (configured SSH nodes: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
            return CommandLine.ExitUsage;
        }

        await store.ForgetAsync(node, CancellationToken.None);
        Console.WriteLine($"forgot the pinned host keys of {node}; the next contact pins the key it presents (restart a running monitor to reconnect now)");
        return 0;
    }
}

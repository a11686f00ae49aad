using System.Globalization;
using ChatOpsWatch.Infrastructure.Ssh;

namespace ChatOpsWatch.Bench;

/// <summary>One lab node as scripts/lab.sh reports it.</summary>
internal sealed record LabNode(string Name, string Address, int Port);

/// <summary>A running lab read from its directory: nodes.txt and the client key.</summary>
internal sealed record Lab(string Dir, string User, IReadOnlyList<LabNode> Nodes)
{
    public SshAuth Key => new SshAuth.KeyFile(Path.Combine(Dir, "id_ed25519"), null);

    public SshTarget Target(LabNode node) => new(node.Name, node.Address, node.Port, User, Key);

    /// <summary>The lab accepts its client key for root and for the unprivileged user cowlab.</summary>
    public static Lab Read(string dir, string user)
    {
        var nodesFile = Path.Combine(dir, "nodes.txt");
        if (!File.Exists(nodesFile))
        {
            throw new InvalidOperationException($"{nodesFile} is missing: bring the lab up first (scripts/lab.sh up K), or run scripts/bench.sh");
        }

        var nodes = new List<LabNode>();
        var lines = File.ReadAllLines(nodesFile);
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }

            if (f.Length != 4 || f[0] != "node" || !int.TryParse(f[3], CultureInfo.InvariantCulture, out var port))
            {
                throw new InvalidOperationException($"{nodesFile} line {i + 1}: expected 'node NAME ADDR PORT', got '{lines[i]}'");
            }

            nodes.Add(new LabNode(f[1], f[2], port));
        }

        if (nodes.Count == 0)
        {
            throw new InvalidOperationException($"{nodesFile} lists no nodes");
        }

        return new Lab(dir, user, nodes);
    }
}

using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Configuration;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>Creates the probe runner of a node: SSH for remote nodes, a local shell for this machine.</summary>
public interface IProbeRunnerFactory
{
    IProbeRunner Create(NodeConfig node);
}

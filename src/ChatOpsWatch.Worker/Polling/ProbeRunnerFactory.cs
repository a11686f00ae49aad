using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Local;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

public sealed class ProbeRunnerFactory(ConfigHolder config, IHostKeyStore hostKeys, TimeProvider time, TextCatalog texts, ILoggerFactory logs, PollTrigger trigger) : IProbeRunnerFactory
{
    public IProbeRunner Create(NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var ssh = config.Current.Ssh;
        var targets = node.Targets ?? ProbeTargets.None;
        return node.Ssh is null
            ? new LocalProbeRunner(ProbeScript.For(targets, ProbeNonce.For(node.Name)), ssh.ProbeDeadline, time)
            : new SshNodeSession(node.Ssh, ProbeScript.Command(ssh.ProbeDeadline, targets, ProbeNonce.For(node.Name)), ssh, hostKeys, time, logs.CreateLogger<SshNodeSession>(), texts)
            {
                PollNow = () => trigger.Now(node.Name),
            };
    }
}

using System.Reflection;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Messages;
using Renci.SshNet.Messages.Connection;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// A heartbeat that wants a reply: an SSH global request <c>keepalive@openssh.com</c> with want-reply set, as OpenSSH's
/// own <c>ServerAliveInterval</c> sends. sshd answers it from its connection process (REQUEST_FAILURE, since it does not
/// implement the name), so it forks nothing, runs nothing and logs nothing at the default log level; the reply times
/// the round trip through the whole SSH stack. SSH.NET's own <c>SendKeepAlive</c> sends SSH_MSG_IGNORE, which gets no
/// reply and proves nothing (FACTS.md), and it exposes no way to send a global request, so this reaches the session's
/// internal <c>SendMessage</c> and the message's internal constructor by reflection. <see cref="Available"/> says whether
/// the pinned SSH.NET still has them (a test holds it true); without them no heartbeat is sent and polls alone judge.
/// Replies to global requests come in the order of the requests (RFC 4254 §4), so one outstanding heartbeat per
/// session is matched by the next reply of either kind.
/// </summary>
public sealed class SshHeartbeat : IDisposable
{
    private static readonly byte[] RequestName = Encoding.ASCII.GetBytes("keepalive@openssh.com");
    private static readonly PropertyInfo? SessionProperty = typeof(BaseClient).GetProperty("Session", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly ConstructorInfo? RequestCtor = typeof(GlobalRequestMessage).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic, [typeof(byte[]), typeof(bool)]);

    private static readonly MethodInfo? SendMessage = typeof(Session).GetMethod(
        "SendMessage", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(Message)]);

    private readonly Session _session;
    private readonly Lock _lock = new();
    private TaskCompletionSource<bool>? _pending;

    private SshHeartbeat(Session session)
    {
        _session = session;
        _session.RequestSuccessReceived += OnReply;
        _session.RequestFailureReceived += OnReply;
    }

    /// <summary>Whether this SSH.NET exposes what a heartbeat needs.</summary>
    public static bool Available => SessionProperty is not null && RequestCtor is not null && SendMessage is not null;

    /// <summary>A heartbeat on <paramref name="client"/>'s session; null when the library lacks it or the client is not connected.</summary>
    public static SshHeartbeat? For(SshClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Available && SessionProperty!.GetValue(client) is Session session ? new SshHeartbeat(session) : null;
    }

    /// <summary>
    /// Sends one heartbeat and waits for its reply: the round trip, or null when no reply came within
    /// <paramref name="timeout"/> or the session failed. Never throws except on cancellation.
    /// </summary>
    public async Task<TimeSpan?> BeatAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(time);
        var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_pending is not null)
            {
                return null; // the previous one is still unanswered: the link is not answering
            }

            _pending = reply;
        }

        var started = time.GetTimestamp();
        try
        {
            SendMessage!.Invoke(_session, [RequestCtor!.Invoke([RequestName, true])]);
            await reply.Task.WaitAsync(timeout, time, ct);
            return time.GetElapsedTime(started);
        }
        catch (Exception e) when (e is TimeoutException or TargetInvocationException or SshException or ObjectDisposedException or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            if (reply.Task.IsCompleted)
            {
                lock (_lock)
                {
                    _pending = null;
                }
            }
        }
    }

    private void OnReply(object? sender, EventArgs e)
    {
        TaskCompletionSource<bool>? pending;
        lock (_lock)
        {
            pending = _pending;
            _pending = null;
        }

        pending?.TrySetResult(true);
    }

    public void Dispose()
    {
        _session.RequestSuccessReceived -= OnReply;
        _session.RequestFailureReceived -= OnReply;
    }
}

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
/// session is matched by the next reply of either kind. Sending does not wait: the shared <see cref="SshHeartbeatClock"/>
/// sends and judges the timeouts of every session on one timer, and the reply is handled on the receive thread.
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
    private readonly TimeProvider _time;
    private readonly Action<TimeSpan>? _replied;
    private readonly Lock _lock = new();
    private long _sentAt; // timestamp of the unanswered heartbeat; 0 when none is outstanding
    private bool _givenUp;
    private TaskCompletionSource<TimeSpan>? _waiter;

    private SshHeartbeat(Session session, TimeProvider time, Action<TimeSpan>? replied)
    {
        _session = session;
        _time = time;
        _replied = replied;
        _session.RequestSuccessReceived += OnReply;
        _session.RequestFailureReceived += OnReply;
    }

    /// <summary>Whether this SSH.NET exposes what a heartbeat needs.</summary>
    public static bool Available => SessionProperty is not null && RequestCtor is not null && SendMessage is not null;

    /// <summary>
    /// A heartbeat on <paramref name="client"/>'s session; null when the library lacks it or the client is not connected.
    /// <paramref name="replied"/> gets each reply's round trip on SSH.NET's receive thread (it must not block), so a
    /// reply wakes no other thread (issue 10: heartbeats were a quarter of a poll's CPU, mostly thread hand-offs).
    /// </summary>
    public static SshHeartbeat? For(SshClient client, TimeProvider time, Action<TimeSpan>? replied = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        return Available && SessionProperty!.GetValue(client) is Session session ? new SshHeartbeat(session, time, replied) : null;
    }

    /// <summary>How long the outstanding heartbeat has waited for its reply; null when none is outstanding.</summary>
    public TimeSpan? Outstanding
    {
        get
        {
            var sentAt = Interlocked.Read(ref _sentAt); // read every tick for every session: no lock
            return sentAt == 0 ? null : _time.GetElapsedTime(sentAt);
        }
    }

    /// <summary>
    /// Sends one heartbeat without waiting: false when one is still unanswered or the session failed to send. The reply
    /// goes to the <c>replied</c> callback. Never throws.
    /// </summary>
    public bool Send()
    {
        lock (_lock)
        {
            if (_sentAt != 0)
            {
                return false; // the previous one is still unanswered: the link is not answering
            }

            Interlocked.Exchange(ref _sentAt, _time.GetTimestamp());
            _givenUp = false;
        }

        try
        {
            SendMessage!.Invoke(_session, [RequestCtor!.Invoke([RequestName, true])]);
            return true;
        }
        catch (Exception e) when (e is TargetInvocationException or SshException or ObjectDisposedException or InvalidOperationException)
        {
            return false; // left outstanding: no reply can come, and the session's own error says why
        }
    }

    /// <summary>
    /// The outstanding heartbeat counts as lost: its reply, if it ever comes, is not a round trip. It stays outstanding
    /// (replies come in order, so a late one is matched to it), and no new heartbeat goes out until it is answered.
    /// </summary>
    public void GiveUp()
    {
        lock (_lock)
        {
            _givenUp = true;
        }
    }

    /// <summary>
    /// Sends one heartbeat and waits for its reply: the round trip, or null when no reply came within
    /// <paramref name="timeout"/> or the session failed. Never throws except on cancellation.
    /// </summary>
    public async Task<TimeSpan?> BeatAsync(TimeSpan timeout, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_sentAt != 0)
            {
                return null;
            }

            _waiter = reply;
        }

        if (!Send())
        {
            lock (_lock)
            {
                _waiter = null;
            }

            return null;
        }

        try
        {
            return await reply.Task.WaitAsync(timeout, _time, ct);
        }
        catch (TimeoutException)
        {
            GiveUp();
            return null;
        }
    }

    private void OnReply(object? sender, EventArgs e)
    {
        TaskCompletionSource<TimeSpan>? waiter;
        TimeSpan rtt;
        bool counted;
        lock (_lock)
        {
            if (_sentAt == 0)
            {
                return; // the reply to a global request SSH.NET itself sent
            }

            rtt = _time.GetElapsedTime(_sentAt);
            counted = !_givenUp;
            waiter = _waiter;
            Interlocked.Exchange(ref _sentAt, 0);
            _waiter = null;
        }

        if (counted)
        {
            _replied?.Invoke(rtt);
            waiter?.TrySetResult(rtt);
        }
    }

    public void Dispose()
    {
        _session.RequestSuccessReceived -= OnReply;
        _session.RequestFailureReceived -= OnReply;
    }
}

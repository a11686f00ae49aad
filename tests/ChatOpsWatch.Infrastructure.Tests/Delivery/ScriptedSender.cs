using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

/// <summary>An <see cref="IMessageSender"/> that records every attempt and answers from a script (Sent when the script is empty).</summary>
public sealed class ScriptedSender(TimeProvider time) : IMessageSender
{
    private readonly Lock gate = new();
    private readonly Queue<SendOutcome> script = new();
    private readonly List<Attempt> attempts = [];
    private long nextMessageId = 700;

    public IReadOnlyList<Attempt> Attempts
    {
        get
        {
            lock (gate)
            {
                return [.. attempts];
            }
        }
    }

    public TaskCompletionSource FirstAttempt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the channel answers a probe; true unless a test takes it down.</summary>
    public bool Answers { get; set; } = true;

    /// <summary>While set, every send fails with it and no probe is answered: the channel is down.</summary>
    public SendOutcome? Outage { get; set; }

    /// <summary>When each probe was made.</summary>
    public List<DateTimeOffset> Probes { get; } = [];

    public Task<bool> ProbeAsync(CancellationToken ct)
    {
        lock (gate)
        {
            Probes.Add(time.GetUtcNow());
        }

        return Task.FromResult(Answers && Outage is null);
    }

    public void Then(params SendOutcome[] outcomes)
    {
        lock (gate)
        {
            foreach (var o in outcomes)
            {
                script.Enqueue(o);
            }
        }
    }

    public Task<SendOutcome> SendAsync(long chatId, OutboxMessage message, CancellationToken ct)
    {
        SendOutcome outcome;
        lock (gate)
        {
            outcome = Outage ?? (script.TryDequeue(out var o) ? o : new SendOutcome.Sent(++nextMessageId));
            attempts.Add(new Attempt(chatId, message, time.GetUtcNow(), outcome));
        }

        FirstAttempt.TrySetResult();
        return Task.FromResult(outcome);
    }

    public sealed record Attempt(long ChatId, OutboxMessage Message, DateTimeOffset At, SendOutcome Outcome);
}

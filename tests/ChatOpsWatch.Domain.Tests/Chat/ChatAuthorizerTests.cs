using ChatOpsWatch.Domain.Chat;

namespace ChatOpsWatch.Domain.Tests.Chat;

public sealed class ChatAuthorizerTests
{
    private const long OpsGroup = -100123;
    private const long Admin = 42;
    private const long Member = 7;

    private static readonly ChatAccessPolicy Policy = new(new HashSet<long> { OpsGroup, Admin }, new HashSet<long> { Admin });

    public static TheoryData<string, ChatRequest, bool, RefusalReason?> Matrix => new()
    {
        { "member reads in ops group", new(OpsGroup, false, Member, null, false), false, null },
        { "admin changes state in ops group", new(OpsGroup, false, Admin, null, false), true, null },
        { "member changes state", new(OpsGroup, false, Member, null, false), true, RefusalReason.UserNotAdmin },
        { "stranger group", new(-999, false, Admin, null, false), false, RefusalReason.ChatNotAllowed },
        { "stranger private chat", new(Member, true, Member, null, false), false, RefusalReason.ChatNotAllowed },
        { "admin private chat listed", new(Admin, true, Admin, null, false), true, null },
        { "anonymous group admin", new(OpsGroup, false, 1087968824, OpsGroup, false), false, RefusalReason.AnonymousSender },
        { "channel posting in group", new(OpsGroup, false, 136817688, -100555, false), false, RefusalReason.AnonymousSender },
        { "no user at all", new(OpsGroup, false, null, null, false), false, RefusalReason.AnonymousSender },
        { "forwarded by admin", new(OpsGroup, false, Admin, null, true), false, RefusalReason.Forwarded },
        { "forwarded in stranger chat", new(-999, false, Admin, null, true), false, RefusalReason.ChatNotAllowed },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Check_AccessMatrix_DecidesAsExpected(string because, ChatRequest req, bool changesState, RefusalReason? expected)
    {
        var decision = ChatAuthorizer.Check(req, Policy, changesState);

        Assert.True(decision.Refusal == expected, $"{because}: expected {expected?.ToString() ?? "allowed"}, got {decision}");
        Assert.Equal(expected is null, decision.IsAllowed);
    }

    [Fact]
    public void Check_EmptyPolicy_RefusesEveryChat()
    {
        var empty = new ChatAccessPolicy(new HashSet<long>(), new HashSet<long>());

        var decision = ChatAuthorizer.Check(new ChatRequest(OpsGroup, false, Admin, null, false), empty, changesState: false);

        Assert.Equal(RefusalReason.ChatNotAllowed, decision.Refusal);
    }
}

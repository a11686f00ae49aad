using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Chat.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

/// <summary>The parts the /addnode and /removenode commands and their buttons share.</summary>
public sealed record NodeAdminParts(IChatNodeStore Store, INodeFleet Fleet, PendingNodeChanges Pending, TextCatalog Text, TimeProvider Time);

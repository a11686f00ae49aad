namespace ChatOpsWatch.Domain.Chat;

/// <summary>
/// Who may talk to the bot. <see cref="AllowedChats"/> are chat ids (groups are negative; a private
/// chat's id is the user's id, so a user who should reach the bot by direct message is listed here
/// too). <see cref="AdminUsers"/> are user ids allowed to run commands that change state.
/// </summary>
public sealed record ChatAccessPolicy(IReadOnlySet<long> AllowedChats, IReadOnlySet<long> AdminUsers);

namespace ChatOpsWatch.Domain.Notifications;

/// <summary>One inline button under a message: its label (from the catalogue) and its callback data (see Chat.CallbackData).</summary>
public sealed record InlineButton(string Text, string Data);

namespace ChatOpsWatch.Domain.Notifications;

public enum MessageKind
{
    Alert,
    Security,
    Status,
    Reply,
    Info,
}

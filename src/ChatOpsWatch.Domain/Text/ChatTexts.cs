namespace ChatOpsWatch.Domain.Text;

/// <summary>The bot's fixed chat answers: help, refusals, unknown commands and nodes, button toasts.</summary>
internal static class ChatTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["chat.help.intro"] = new(
            "<b>ChatOpsWatch</b> watches the fleet over SSH and posts alerts to the ops chat.",
            "<b>ChatOpsWatch</b> 通过 SSH 监控服务器集群，并把告警发到运维群。"),
        ["chat.refusal.chat_not_allowed"] = new(
            "This bot answers only the chats it is configured for. This chat's id is <code>{0}</code>: an operator can add it to the allowlist.",
            "本机器人只回复配置中允许的聊天。此聊天的 ID 是 <code>{0}</code>，运维人员可以把它加入白名单。"),
        ["chat.refusal.forwarded"] = new(
            "Forwarded commands are ignored: send the command yourself.",
            "转发的命令会被忽略，请亲自发送命令。"),
        ["chat.refusal.anonymous"] = new(
            "Commands sent anonymously or on behalf of a channel are ignored: send it as yourself so that access can be checked.",
            "匿名发送或以频道身份发送的命令会被忽略，请以本人身份发送，以便核对权限。"),
        ["chat.refusal.not_admin"] = new(
            "Only admins may run /{0}.",
            "只有管理员可以执行 /{0}。"),
        ["chat.command_failed"] = new(
            "⚠️ /{0} failed inside the monitor. The cause is in the monitor's log.",
            "⚠️ /{0} 在监控程序内部执行失败，原因见监控日志。"),
        ["chat.unknown_command"] = new(
            "Unknown command /{0}. /help lists the commands.",
            "未知命令 /{0}。发送 /help 查看所有命令。"),
        ["chat.invalid_node"] = new(
            "Not a node name: <code>{0}</code>. Node names are {1}.",
            "不是有效的节点名：<code>{0}</code>。节点名须为{1}。"),
        ["chat.node_name_rule"] = new(
            "1-48 characters: letters, digits, '-', '_' or '.', starting with a letter or digit",
            "1–48 个字符，只能包含字母、数字、“-”、“_”或“.”，并以字母或数字开头"),
        ["chat.unknown_node"] = new(
            "No node named <b>{0}</b>. /status lists them all.",
            "没有名为 <b>{0}</b> 的节点。发送 /status 查看全部节点。"),
        ["chat.button.refused.chat"] = new(
            "This bot answers only the chats it is configured for.",
            "本机器人只回复配置中允许的聊天。"),
        ["chat.button.refused.admin"] = new(
            "Only admins may press this button.",
            "只有管理员可以按这个按钮。"),
        ["chat.button.refused"] = new(
            "This button press was refused.",
            "此次按键已被拒绝。"),
        ["chat.button.unknown"] = new(
            "This button is no longer valid.",
            "此按钮已失效。"),
        ["chat.status_unavailable"] = new(
            "⚠️ Status unavailable: the monitor could not read its store. The cause is in the monitor's log.",
            "⚠️ 无法获取状态：监控程序读不了自己的存储，原因见监控程序的日志。"),
    };
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// A silence's comment as shown in chat. A comment the product wrote itself ("muted from incident #2", from the Mute
/// button) was stored in the language of that moment; it is worded again in the current one, so a language switch
/// leaves no English behind. An operator's own comment is shown as it was typed. Pure.
/// </summary>
public static class StoredComment
{
    public static string Display(string comment, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(texts);
        var entry = TextCatalog.Entries["incident.mute.reason"];
        foreach (var template in new[] { entry.En, entry.ZhCn })
        {
            var m = Regex.Match(comment, "^" + Regex.Escape(template).Replace(@"\{0}", "(?<id>[0-9]{1,18})", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
            if (m.Success)
            {
                return texts.Format("incident.mute.reason", long.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture));
            }
        }

        return comment;
    }
}

namespace ChatOpsWatch.Domain.Text;

/// <summary>The languages of the message catalogue. Chosen in configuration (<c>Telegram:Language</c>).</summary>
public enum Language
{
    /// <summary>English, the default.</summary>
    En,

    /// <summary>Simplified Chinese (zh-CN).</summary>
    ZhCn,
}

public static class LanguageCodes
{
    /// <summary>The configuration codes: "en" and "zh-CN" (case-insensitive; "zh" and "zh-Hans" are accepted too).</summary>
    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "EN" or "EN-US" or "EN-GB":
                language = Language.En;
                return true;
            case "ZH" or "ZH-CN" or "ZH-HANS" or "ZH-HANS-CN":
                language = Language.ZhCn;
                return true;
            default:
                language = Language.En;
                return false;
        }
    }

    public static string Code(Language language) => language == Language.ZhCn ? "zh-CN" : "en";
}

namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// One catalogue text in each language. Both are composite format strings ({0}, {1:0.0}) formatted with the
/// invariant culture; their arguments are Telegram HTML that the caller already escaped, so a template may
/// hold tags (&lt;b&gt;) but never raw outside text.
/// </summary>
public sealed record TextEntry(string En, string ZhCn)
{
    public string In(Language language) => language == Language.ZhCn ? ZhCn : En;

    /// <summary>A text rendered once per language, kept so that it can be shown in whichever is current later.</summary>
    public static TextEntry Render(Func<TextCatalog, string> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        return new(render(TextCatalog.English), render(TextCatalog.Chinese));
    }
}

using Ganss.Xss;

namespace CostSense.Web.Assistant;

/// <summary>
/// The second line of defence behind <see cref="SafeMarkdown"/>: the rendered HTML is parsed again, as a browser
/// would parse it, and only the tags and attributes that Markdown here renders, and only absolute http, https and
/// mailto addresses, are kept. It does not depend on the Markdown tree being walked right, so a link that a change
/// there misses is still caught here.
/// </summary>
internal static class SafeHtml
{
    private static readonly string[] AllowedSchemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps, Uri.UriSchemeMailto];

    // Configured once: Sanitize is thread-safe as long as nothing changes the settings afterwards.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Clean(string html) => Sanitizer.Sanitize(html);

    /// <summary>Whether a link may stay a link: an absolute http, https or mailto address.</summary>
    public static bool IsAllowedUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);

    private static HtmlSanitizer Create()
    {
        var options = HtmlSanitizerOptions.Empty();
        // What the Markdown pipeline emits (tables, emphasis extras, list extras), nothing more.
        options.AllowedTags.UnionWith([
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
            "strong", "em", "del", "ins", "mark", "sub", "sup", "ul", "ol", "li", "a",
            "table", "thead", "tbody", "tr", "th", "td",
        ]);
        // style carries only a table column's alignment; type and start number lists as "a." or "3." does.
        options.AllowedAttributes.UnionWith(["href", "title", "target", "rel", "style", "type", "start"]);
        options.AllowedCssProperties.Add("text-align");
        options.UriAttributes.Add("href");
        options.AllowedSchemes.UnionWith(AllowedSchemes);
        // A tag that is not listed loses its markup, not the model's words in it.
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        // HtmlSanitizer lets relative and protocol-relative addresses through; the Markdown keeps none, nor does this.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!IsAllowedUrl(e.SanitizedUrl)) e.SanitizedUrl = null;
        };
        return sanitizer;
    }
}

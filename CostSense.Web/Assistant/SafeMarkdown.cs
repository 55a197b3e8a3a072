using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace CostSense.Web.Assistant;

/// <summary>
/// The model's Markdown as HTML that is safe to put in the page. The model's text is untrusted (a tool result
/// or a question can steer it), so raw HTML is written as text, only http, https and mailto links stay links,
/// images show their alt text (no requests to hosts the model names), and links open in a new tab without
/// handing this page to the target.
/// <para>
/// Two lines of defence, because one mistake here puts script in front of a signed-in user: the Markdown tree is
/// changed before it is rendered (links and images become text), and the rendered HTML then goes through
/// <see cref="SafeHtml"/>, an allow-list that reads it as a browser would and does not depend on that tree walk
/// being right. The Content-Security-Policy is a third, not a reason to weaken either.
/// </para>
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks(new AutoLinkOptions { UseHttpsForWWWLinks = true })
        // Chat text breaks lines where the model does; CommonMark would join them into one paragraph.
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static MarkupString ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return new MarkupString("");
        var document = Markdown.Parse(markdown, Pipeline);
        Sanitize(document);
        return new MarkupString(SafeHtml.Clean(Markdown.ToHtml(document, Pipeline)));
    }

    private static void Sanitize(MarkdownDocument document)
    {
        // Every link is found before any is changed: unwrapping one moves inlines around, and a walk that runs
        // after that (or during it) can miss the links beside it while the renderer still prints them.
        var links = document.Descendants<Inline>().Where(inline => inline is LinkInline or AutolinkInline).ToList();
        foreach (var inline in links)
        {
            switch (inline)
            {
                case LinkInline link when link.IsImage || !SafeHtml.IsAllowedUrl(link.GetDynamicUrl?.Invoke() ?? link.Url):
                    Unwrap(link);
                    break;
                case AutolinkInline autolink when !SafeHtml.IsAllowedUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
                default:
                    MarkExternal(inline);
                    break;
            }
        }
    }

    /// <summary>Puts a link's text (an image's alt text) where the link was.</summary>
    private static void Unwrap(LinkInline link)
    {
        // InsertAfter, not InsertBefore: Markdig's InsertBefore leaves the moved inline without a previous sibling.
        // That hides what comes before it from Descendants (which walks backwards), and unwrapping an image that was
        // inside an unwrapped link then leaves the image in the chain the renderer follows.
        Inline last = link;
        while (link.FirstChild is { } child)
        {
            child.Remove();
            last.InsertAfter(child);
            last = child;
        }
        link.Remove();
    }

    private static void MarkExternal(Inline link)
    {
        var attributes = link.GetAttributes();
        attributes.AddPropertyIfNotExist("rel", "noopener noreferrer nofollow");
        attributes.AddPropertyIfNotExist("target", "_blank");
    }
}

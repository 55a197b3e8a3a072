using AngleSharp.Html.Parser;
using CostSense.Web.Assistant;

namespace CostSense.Tests.Components.Assistant;

public sealed class SafeMarkdownTests
{
    private static AngleSharp.Dom.IDocument Html(string markdown) =>
        new HtmlParser().ParseDocument("<body>" + SafeMarkdown.ToHtml(markdown).Value + "</body>");

    [Fact]
    public void RawHtml_IsShownAsText()
    {
        var doc = Html("Before <script>alert('x')</script> after\n\n<img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">block</div>");

        Assert.Empty(doc.QuerySelectorAll("script, img, div"));
        Assert.Contains("<script>alert('x')</script>", doc.Body!.TextContent);
        Assert.Contains("<img src=x onerror=alert(1)>", doc.Body.TextContent);
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))")]
    [InlineData("[click me](JavaScript:alert(1))")]
    [InlineData("[click me](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click me](vbscript:msgbox(1))")]
    [InlineData("[click me](/admin/users)")]
    [InlineData("[click me](../secrets)")]
    [InlineData("[click me](file:///etc/passwd)")]
    [InlineData("[click me][ref]\n\n[ref]: javascript:alert(1)")]
    public void LinksOtherThanHttpHttpsAndMailto_BecomePlainText(string markdown)
    {
        var doc = Html(markdown);

        Assert.Empty(doc.QuerySelectorAll("a"));
        Assert.Equal("click me", doc.Body!.TextContent.Trim());
    }

    [Fact]
    public void AnUnsafeLink_KeepsItsFormattedText()
    {
        var doc = Html("See [the **bold** part](javascript:x) here");

        Assert.Empty(doc.QuerySelectorAll("a"));
        Assert.Equal("bold", doc.QuerySelector("strong")!.TextContent);
        Assert.Equal("See the bold part here", doc.Body!.TextContent.Trim());
    }

    [Fact]
    public void AngleBracketAutolinks_ToOtherSchemes_AreText()
    {
        var doc = Html("Go <javascript:alert(1)> now");

        Assert.Empty(doc.QuerySelectorAll("a"));
        Assert.Contains("javascript:alert(1)", doc.Body!.TextContent);
    }

    [Theory]
    [InlineData("[Azure pricing](https://azure.microsoft.com/pricing)", "https://azure.microsoft.com/pricing")]
    [InlineData("[status](http://status.example.test)", "http://status.example.test")]
    [InlineData("see https://learn.microsoft.com/azure/advisor", "https://learn.microsoft.com/azure/advisor")]
    [InlineData("see www.example.test", "https://www.example.test")]
    [InlineData("<https://portal.azure.com>", "https://portal.azure.com")]
    public void HttpLinks_OpenInANewTab_WithoutReferrerOrOpener(string markdown, string href)
    {
        var link = Assert.Single(Html(markdown).QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal(["noopener", "noreferrer", "nofollow"], link.GetAttribute("rel")!.Split(' '));
    }

    [Fact]
    public void MailtoLinks_StayLinks()
    {
        var doc = Html("[write to finops](mailto:finops@example.test) or <finops@example.test>");

        Assert.Equal(["mailto:finops@example.test", "mailto:finops@example.test"], doc.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Images_ShowTheirAltText()
    {
        var doc = Html("Chart: ![monthly cost](https://tracker.example.test/pixel.png) and ![x](javascript:alert(1))");

        Assert.Empty(doc.QuerySelectorAll("img, a"));
        Assert.Equal("Chart: monthly cost and x", doc.Body!.TextContent.Trim());
    }

    [Fact]
    public void PipeTables_EmphasisExtrasAndLists_Render()
    {
        var doc = Html("| VM | Savings |\n|---|---:|\n| vm-web-1 | $140.00 |\n\n~~old~~ plan\n\n- one\n- two\n\n```\naz vm deallocate\n```");

        Assert.Equal(["VM", "Savings"], doc.QuerySelectorAll("table th").Select(th => th.TextContent));
        Assert.Equal(["vm-web-1", "$140.00"], doc.QuerySelectorAll("table td").Select(td => td.TextContent));
        Assert.Equal("old", doc.QuerySelector("del")!.TextContent);
        Assert.Equal(2, doc.QuerySelectorAll("ul li").Length);
        Assert.Equal("az vm deallocate\n", doc.QuerySelector("pre code")!.TextContent);
    }

    [Fact]
    public void LineBreaks_AreKept()
    {
        Assert.Single(Html("first line\nsecond line").QuerySelectorAll("p br"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoText_IsNoHtml(string? markdown) => Assert.Equal("", SafeMarkdown.ToHtml(markdown).Value);
}

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

    private const string SafeHref = "https://safe.example.test/page";

    /// <summary>
    /// Fails if any link or source in the page could run or load something other than an http, https or mailto address,
    /// as a browser would read it: entities already decoded by the parse, case folded, and the whitespace and control
    /// characters that a browser strips or skips in a URL removed.
    /// </summary>
    private static void AssertNoUnsafeUrls(AngleSharp.Dom.IDocument doc)
    {
        Assert.Empty(doc.QuerySelectorAll("img, script, iframe, object, embed, form, svg, math"));
        foreach (var element in doc.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.LocalName}> has the handler {attribute.Name}.");
                if (attribute.Name is not ("href" or "src" or "srcset" or "action" or "formaction" or "poster" or "background" or "xlink:href")) continue;
                var seen = new string(attribute.Value.Where(c => c > ' ' && c != '\u007F').ToArray()).ToLowerInvariant();
                Assert.True(seen.StartsWith("http:") || seen.StartsWith("https:") || seen.StartsWith("mailto:"),
                    $"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\"> is not an http, https or mailto address.");
            }
        }
    }

    /// <summary>Fails unless the page has exactly one link to <paramref name="href"/> and it opens in a new tab without opener or referrer.</summary>
    private static void AssertSafeLink(AngleSharp.Dom.IDocument doc, string href, string text)
    {
        var link = Assert.Single(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == href);
        Assert.Equal(text, link.TextContent);
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal(["noopener", "noreferrer", "nofollow"], link.GetAttribute("rel")!.Split(' '));
    }

    [Fact]
    public void AnAutolinkFollowedByAnImage_IsText_AndTheImageItsAltText()
    {
        var doc = Html("See <javascript:alert(document.domain)> and the chart ![chart](https://example.com/c.png)");

        AssertNoUnsafeUrls(doc);
        Assert.Empty(doc.QuerySelectorAll("a"));
        Assert.Equal("See javascript:alert(document.domain) and the chart chart", doc.Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    [InlineData("<JaVaScRiPt:alert(1)>", "JaVaScRiPt:alert(1)")]
    [InlineData("<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("<data:text/html,%3Cscript%3Ealert(1)%3C/script%3E>", "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E")]
    [InlineData("<vbscript:msgbox(1)>", "vbscript:msgbox(1)")]
    [InlineData("<file:///etc/passwd>", "file:///etc/passwd")]
    public void UnsafeAutolinks_BesideAnImageASafeLinkAndAnUnsafeLink_AreText(string autolink, string text)
    {
        string[] orders =
        [
            $"{autolink} then ![pic](https://example.test/p.png) then [safe]({SafeHref}) then [bad](javascript:x)",
            $"![pic](https://example.test/p.png) then {autolink} then [bad](javascript:x) then [safe]({SafeHref})",
            $"[bad](javascript:x) then [safe]({SafeHref}) then ![pic](https://example.test/p.png) then {autolink}",
        ];
        foreach (var markdown in orders)
        {
            var doc = Html(markdown);

            AssertNoUnsafeUrls(doc);
            AssertSafeLink(doc, SafeHref, "safe");
            Assert.Single(doc.QuerySelectorAll("a"));
            Assert.Contains(text, doc.Body!.TextContent);
            Assert.Contains("pic", doc.Body.TextContent);
            Assert.Contains("bad", doc.Body.TextContent);
        }
    }

    [Theory]
    [InlineData("[click me][r] and ![pic](https://example.test/p.png) and [safe][s]\n\n[r]: javascript:alert(1)\n[s]: " + SafeHref)]
    [InlineData("![pic](https://example.test/p.png) [click me][] and [safe][s]\n\n[click me]: JAVASCRIPT:alert(1)\n[s]: " + SafeHref)]
    [InlineData("[safe][s], ![pic][p] then [click me]\n\n[click me]: data:text/html,x\n[p]: javascript:alert(2)\n[s]: " + SafeHref)]
    [InlineData("[click me][r] <javascript:alert(3)> [safe](" + SafeHref + ") ![pic][r]\n\n[r]: <java\tscript:alert(1)> \"title\"")]
    public void ReferenceLinksAndImages_ToOtherSchemes_AreText(string markdown)
    {
        var doc = Html(markdown);

        AssertNoUnsafeUrls(doc);
        AssertSafeLink(doc, SafeHref, "safe");
        Assert.Single(doc.QuerySelectorAll("a"));
        Assert.Contains("click me", doc.Body!.TextContent);
        Assert.Contains("pic", doc.Body.TextContent);
    }

    [Theory]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](&#x6A;avascript:alert(1))")]
    [InlineData("[x](&#X6a;AVASCRIPT:alert(1))")]
    [InlineData("[x](java&#x09;script:alert(1))")]
    [InlineData("[x](java&#x0A;script:alert(1))")]
    [InlineData("[x](java&Tab;script:alert(1))")]
    [InlineData("[x](javascript&colon;alert(1))")]
    [InlineData("[x](javascript&#58;alert(1))")]
    [InlineData("[x](&#x26;#106;avascript:alert(1))")]
    [InlineData("[x](jAvAsCrIpT:alert(1))")]
    [InlineData("[x]( javascript:alert(1))")]
    [InlineData("[x](\tjavascript:alert(1))")]
    [InlineData("[x](\njavascript:alert(1))")]
    [InlineData("[x](<java\tscript:alert(1)>)")]
    [InlineData("[x](<java\u000Bscript:alert(1)>)")]
    [InlineData("[x](<\u0001javascript:alert(1)>)")]
    [InlineData("[x](\u0001javascript:alert(1))")]
    [InlineData("[x](<\u00A0javascript:alert(1)>)")]
    [InlineData("[x](<\u2028javascript:alert(1)>)")]
    [InlineData("[x](<javascript :alert(1)>)")]
    [InlineData("[x](<data:text/html,<script>alert(1)</script>>)")]
    [InlineData("[x](DATA:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x](vbscript:msgbox(1) \"title\")")]
    [InlineData("[x](//evil.example.test/path)")]
    [InlineData("[x](\\\\evil.example.test\\share)")]
    public void DisguisedSchemes_NextToASafeLinkAndAnImage_AreNotLinks(string unsafeLink)
    {
        var doc = Html($"![pic](https://example.test/p.png) {unsafeLink} [safe]({SafeHref}) {unsafeLink}");

        AssertNoUnsafeUrls(doc);
        AssertSafeLink(doc, SafeHref, "safe");
        Assert.Single(doc.QuerySelectorAll("a"));
    }

    [Theory]
    [InlineData("[![pic](https://example.test/p.png)](javascript:alert(1)) [safe](" + SafeHref + ")")]
    [InlineData("![[bad](javascript:alert(1)) pic](https://example.test/p.png) [safe](" + SafeHref + ")")]
    [InlineData("[safe](" + SafeHref + ") [![pic](javascript:alert(1)) bad](javascript:alert(2))")]
    [InlineData("[**bad** ![pic](https://example.test/p.png) *more*](vbscript:x) <javascript:alert(3)> [safe](" + SafeHref + ")")]
    public void ImagesAndLinksInsideEachOther_AreText_AndTheSafeLinkStays(string markdown)
    {
        var doc = Html(markdown);

        AssertNoUnsafeUrls(doc);
        AssertSafeLink(doc, SafeHref, "safe");
        Assert.Single(doc.QuerySelectorAll("a"));
        Assert.Contains("pic", doc.Body!.TextContent);
    }

    [Fact]
    public void UnsafeLinksInTableCells_AreText_AndSafeOnesStayLinks()
    {
        var doc = Html(
            "| What | Where |\n|---|---:|\n" +
            "| <javascript:alert(1)> ![pic](https://example.test/p.png) | [safe](" + SafeHref + ") |\n" +
            "| <vbscript:msgbox(1)> [bad](javascript:alert(2)) | ![x](javascript:alert(3)) <data:text/html,x> |");

        AssertNoUnsafeUrls(doc);
        AssertSafeLink(doc, SafeHref, "safe");
        Assert.Single(doc.QuerySelectorAll("a"));
        Assert.Equal(["javascript:alert(1) pic", "safe", "vbscript:msgbox(1) bad", "x data:text/html,x"], doc.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void UnsafeLinksInListItems_AreText_AndSafeOnesStayLinks()
    {
        var doc = Html(
            "- <javascript:alert(1)> then ![pic](https://example.test/p.png)\n" +
            "- [safe](" + SafeHref + ") and [bad](javascript:alert(2))\n" +
            "  1. nested <data:text/html,x> ![x](https://example.test/x.png)\n" +
            "> quoted <JAVASCRIPT:alert(4)> [bad](javascript:alert(3))");

        AssertNoUnsafeUrls(doc);
        AssertSafeLink(doc, SafeHref, "safe");
        Assert.Single(doc.QuerySelectorAll("a"));
        Assert.Contains("javascript:alert(1)", doc.QuerySelectorAll("li")[0].TextContent);
        Assert.Contains("data:text/html,x", doc.QuerySelector("ol li")!.TextContent);
        Assert.Contains("JAVASCRIPT:alert(4)", doc.QuerySelector("blockquote")!.TextContent);
    }

    /// <summary>Every order of a safe link, a safe autolink, an unsafe link, an image and an unsafe autolink in one paragraph.</summary>
    public static TheoryData<string> EveryOrderInOneParagraph()
    {
        string[] parts =
        [
            $"[safe]({SafeHref})",
            "<https://auto.example.test/>",
            "[bad](javascript:alert(1))",
            "![pic](https://example.test/p.png)",
            "<javascript:alert(2)>",
        ];
        var data = new TheoryData<string>();
        foreach (var order in Permutations(parts)) data.Add(string.Join(" and ", order));
        return data;
    }

    private static IEnumerable<IReadOnlyList<string>> Permutations(IReadOnlyList<string> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((first, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (IReadOnlyList<string>)[first, .. rest]));

    [Theory]
    [MemberData(nameof(EveryOrderInOneParagraph))]
    public void InAnyOrder_UnsafeLinksAreText_AndSafeLinksStayLinks(string markdown)
    {
        var doc = Html(markdown);

        AssertNoUnsafeUrls(doc);
        AssertSafeLink(doc, SafeHref, "safe");
        AssertSafeLink(doc, "https://auto.example.test/", "https://auto.example.test/");
        Assert.Equal(2, doc.QuerySelectorAll("a").Length);
        var text = doc.Body!.TextContent;
        Assert.Contains("bad", text);
        Assert.Contains("pic", text);
        Assert.Contains("javascript:alert(2)", text);
    }

    private static AngleSharp.Dom.IDocument Cleaned(string html) =>
        new HtmlParser().ParseDocument("<body>" + SafeHtml.Clean(html) + "</body>");

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"JAVA&#x09;SCRIPT:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;avascript&colon;alert(1)\">x</a>")]
    [InlineData("<a href=\" &#x01;java\nscript:alert(1)\">x</a>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>")]
    [InlineData("<a href=\"//evil.example.test/\">x</a>")]
    [InlineData("<a href=\"/admin/users\">x</a>")]
    [InlineData("<img src=x onerror=alert(1)>x")]
    [InlineData("<p onclick=\"alert(1)\" style=\"background-image: url(javascript:alert(1))\">x</p>")]
    [InlineData("<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>")]
    [InlineData("<iframe src=\"javascript:alert(1)\"></iframe><object data=\"data:text/html,x\"></object>x")]
    [InlineData("<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button></form>")]
    [InlineData("<script>alert(1)</script><style>*{}</style>x")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>x")]
    [InlineData("<table><tr><td style=\"text-align: right; background: url(javascript:alert(1))\">x</td></tr></table>")]
    public void TheSanitizer_OnItsOwn_RemovesScriptsAndLinksOtherThanHttpHttpsAndMailto(string html)
    {
        var doc = Cleaned(html);

        AssertNoUnsafeUrls(doc);
        Assert.Empty(doc.QuerySelectorAll("a[href], [style*='url'], style"));
        Assert.Contains("x", doc.Body!.TextContent);
    }

    [Fact]
    public void TheSanitizer_OnItsOwn_KeepsSafeLinksWithTheirTargetAndRel()
    {
        var doc = Cleaned(
            $"<p><a href=\"{SafeHref}\" title=\"t\" target=\"_blank\" rel=\"noopener noreferrer nofollow\" onclick=\"x()\">safe</a> " +
            "<a href=\"mailto:finops@example.test\">mail</a></p>");

        AssertSafeLink(doc, SafeHref, "safe");
        Assert.Equal("t", doc.QuerySelector("a")!.GetAttribute("title"));
        Assert.Null(doc.QuerySelector("a")!.GetAttribute("onclick"));
        Assert.NotNull(doc.QuerySelector("a[href='mailto:finops@example.test']"));
    }

    [Fact]
    public void EverythingTheMarkdownRenders_PassesTheSanitizer()
    {
        var doc = Html(
            "# One\n###### Six\n\n| L | C | R |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n" +
            "~~del~~ ~sub~ ^sup^ ++ins++ ==mark== **strong** *em* `code`\n\n" +
            "a. alpha\nb. beta\n\n3. three\n\n> quote\n\n---\n\n" +
            $"[safe]({SafeHref} \"title\") and a break\nhere\n\n```\nblock\n```");

        Assert.Equal(["One", "Six"], doc.QuerySelectorAll("h1, h6").Select(h => h.TextContent));
        Assert.Equal(["text-align: left", "text-align: center", "text-align: right"],
            doc.QuerySelectorAll("th").Select(th => th.GetAttribute("style")!.TrimEnd(';')));
        Assert.Equal(["del", "sub", "sup", "ins", "mark", "strong", "em", "code"],
            doc.QuerySelectorAll("h6 ~ p")[0].Children.Select(e => e.LocalName));
        Assert.Equal("a", doc.QuerySelector("ol")!.GetAttribute("type"));
        Assert.Equal("3", doc.QuerySelectorAll("ol")[1].GetAttribute("start"));
        Assert.NotNull(doc.QuerySelector("blockquote p"));
        Assert.NotNull(doc.QuerySelector("hr"));
        Assert.NotNull(doc.QuerySelector("p br"));
        Assert.Equal("block\n", doc.QuerySelector("pre code")!.TextContent);
        AssertSafeLink(doc, SafeHref, "safe");
        Assert.Equal("title", doc.QuerySelector("a")!.GetAttribute("title"));
    }

    [Fact]
    public void TheRenderedHtml_GoesThroughTheSanitizer_SoAttributesItDoesNotListAreGone()
    {
        // Markdig gives a fenced block's language as a class; the allow-list has no class, so it is gone only if ToHtml sanitizes.
        var code = Html("```csharp\nvar x = 1;\n```").QuerySelector("pre code")!;

        Assert.Equal("var x = 1;\n", code.TextContent);
        Assert.False(code.HasAttribute("class"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoText_IsNoHtml(string? markdown) => Assert.Equal("", SafeMarkdown.ToHtml(markdown).Value);
}

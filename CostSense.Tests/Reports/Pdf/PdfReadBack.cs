using UglyToad.PdfPig.Content;

namespace CostSense.Tests.Reports.Pdf;

/// <summary>
/// A generated PDF as PdfPig reads it: each page's text and letters, and the document's info; and how many TrueType font
/// programs the file carries (its /FontFile2 entries: PDFsharp writes font descriptors uncompressed).
/// </summary>
public sealed record PdfReadBack(IReadOnlyList<string> PageTexts, IReadOnlyList<IReadOnlyList<Letter>> PageLetters,
    IReadOnlyList<(double Width, double Height)> PageSizes, string? Title, string? Author, string? Subject, int EmbeddedFontPrograms)
{
    public string Text => string.Concat(PageTexts);

    public static PdfReadBack Read(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        return new PdfReadBack(
            pages.Select(p => p.Text).ToList(),
            pages.Select(p => (IReadOnlyList<Letter>)p.Letters.ToList()).ToList(),
            pages.Select(p => (p.Width, p.Height)).ToList(),
            document.Information.Title, document.Information.Author, document.Information.Subject,
            System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/FontFile2\b"));
    }
}

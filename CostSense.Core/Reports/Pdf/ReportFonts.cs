using PdfSharp.Fonts;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// The summary's one typeface, DejaVu Sans (regular and bold), served from the assembly so that a PDF never depends on
/// the machine's fonts (the container image has none). PDFsharp embeds the glyphs it uses as a subset.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    /// <summary>The family name the layout asks for.</summary>
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    // PDFsharp's resolver is process-wide (GlobalFontSettings), and may be set only before the first font is used:
    // installed once, under a lock, by whichever writer comes first. The only static state CostSense keeps, because
    // PDFsharp offers no other place for it; the fonts themselves are immutable.
    private static readonly Lock Gate = new();
    private static bool _installed;

    private ReportFonts()
    {
    }

    /// <summary>Makes these fonts PDFsharp's resolver, once per process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is not null and not ReportFonts)
                throw new InvalidOperationException("Another PDFsharp font resolver is installed in this process; the summary needs its own fonts.");
            GlobalFontSettings.FontResolver ??= new ReportFonts();
            _installed = true;
        }
    }

    /// <summary>Every family resolves to DejaVu Sans: the layout names only it, and a stray name must not fail a report.</summary>
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Italic is simulated (PDFsharp slants the regular face): the layout uses none, but a stray request must not fail.
        new(bold ? Bold : Regular, false, italic);

    // Read from the assembly once per face, whenever PDFsharp asks: no report copies 700 KB of font out of the assembly
    // again. The resolver is the one instance PDFsharp holds, so the bytes live as long as the process, as the fonts do.
    private readonly Lazy<byte[]> _regular = new(() => Load(Regular));
    private readonly Lazy<byte[]> _bold = new(() => Load(Bold));

    public byte[] GetFont(string faceName) => faceName == Bold ? _bold.Value : _regular.Value;

    private static byte[] Load(string name)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"CostSense.Core.Reports.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The embedded font {name}.ttf is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// The pages being written and a cursor down the current one: sections ask for the height they need and get a new page
/// (with its running header) when it is not there, so nothing is ever drawn over the footer or off the page.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    public const double Margin = 40;
    /// <summary>Room kept at the foot of every page for the footer.</summary>
    public const double FooterHeight = 38;

    private readonly PdfDocument _document;
    private readonly Action<PdfCanvas> _runningHeader;
    private readonly List<PdfPage> _pages = [];
    private XGraphics? _graphics;

    public PdfCanvas(PdfDocument document, PdfTheme theme, Action<PdfCanvas> runningHeader)
    {
        _document = document;
        Theme = theme;
        _runningHeader = runningHeader;
    }

    public PdfTheme Theme { get; }
    public XGraphics G => _graphics ?? throw new InvalidOperationException("No page yet: call NewPage first.");
    public IReadOnlyList<PdfPage> Pages => _pages;
    public double Width { get; private set; }
    public double Height { get; private set; }
    public double Left => Margin;
    public double Right => Width - Margin;
    public double ContentWidth => Right - Left;
    /// <summary>The lowest y a section may draw at.</summary>
    public double Bottom => Height - Margin - FooterHeight;
    /// <summary>Where the next section starts.</summary>
    public double Y { get; set; }

    /// <summary>Starts an A4 page; every page after the first opens with the running header.</summary>
    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _pages.Add(page);
        Width = page.Width.Point;
        Height = page.Height.Point;
        _graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
        if (_pages.Count > 1) _runningHeader(this);
    }

    /// <summary>Breaks to a new page unless <paramref name="height"/> points are left on this one.</summary>
    public void Ensure(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    /// <summary>Text with its top-left (or top-right, top-centre) corner at the point given.</summary>
    public void Text(string text, XFont font, XBrush brush, double x, double top, XStringFormat? format = null) =>
        G.DrawString(text, font, brush, x, top, format ?? XStringFormats.TopLeft);

    public double Measure(string text, XFont font) => G.MeasureString(text, font).Width;

    /// <summary>The text, or as much of it as fits in <paramref name="width"/> followed by an ellipsis.</summary>
    public string Fit(string text, XFont font, double width)
    {
        if (Measure(text, font) <= width) return text;
        // Binary search on the length: a long resource name is measured a handful of times, not once per letter.
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Measure(text[..mid].TrimEnd() + "…", font) <= width) low = mid;
            else high = mid - 1;
        }
        return low == 0 ? "…" : text[..low].TrimEnd() + "…";
    }

    /// <summary>
    /// The text broken at spaces into at most <paramref name="maxLines"/> lines of <paramref name="width"/>; the last line
    /// is cut with an ellipsis if words are left over.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width, int maxLines)
    {
        var lines = new List<string>();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var line = "";
        for (var i = 0; i < words.Length; i++)
        {
            var candidate = line.Length == 0 ? words[i] : line + " " + words[i];
            if (line.Length == 0 || Measure(candidate, font) <= width)
            {
                line = candidate;
                continue;
            }
            if (lines.Count == maxLines - 1)
            {
                lines.Add(Fit(string.Join(' ', [line, .. words[i..]]), font, width));
                return lines;
            }
            lines.Add(line);
            line = words[i];
        }
        if (line.Length > 0) lines.Add(Fit(line, font, width));
        return lines;
    }

    /// <summary>The largest size from <paramref name="size"/> down to <paramref name="minimum"/> at which the text fits, so a figure is never cut.</summary>
    public XFont Shrink(string text, double size, double minimum, bool bold, double width)
    {
        var font = PdfTheme.Font(size, bold);
        while (size > minimum && Measure(text, font) > width)
        {
            size -= 0.5;
            font = PdfTheme.Font(size, bold);
        }
        return font;
    }

    /// <summary>Ends drawing on the last page; footers are drawn afterwards, once the page count is known.</summary>
    public void Finish()
    {
        _graphics?.Dispose();
        _graphics = null;
    }

    public void Dispose() => _graphics?.Dispose();
}

using PdfSharp.Drawing;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// The summary's colours and type, the app's own (MudBlazor theme: primary, secondary, app bar, and the dashboard chart's
/// grey for the previous period), so the document reads as CostSense's. One per document: PDFsharp's brushes and
/// fonts are cheap, and nothing is shared between documents written at the same time.
/// </summary>
internal sealed class PdfTheme
{
    public static readonly XColor Primary = XColor.FromArgb(0x0b, 0x5c, 0xad);
    public static readonly XColor Secondary = XColor.FromArgb(0x00, 0x89, 0x7b);
    public static readonly XColor AppBar = XColor.FromArgb(0x0b, 0x3d, 0x6e);
    public static readonly XColor Comparison = XColor.FromArgb(0x9e, 0x9e, 0x9e);
    public static readonly XColor Ink = XColor.FromArgb(0x21, 0x21, 0x21);
    public static readonly XColor Muted = XColor.FromArgb(0x61, 0x61, 0x61);
    public static readonly XColor Rule = XColor.FromArgb(0xdd, 0xe2, 0xe8);
    public static readonly XColor Tile = XColor.FromArgb(0xf3, 0xf6, 0xfa);
    public static readonly XColor Zebra = XColor.FromArgb(0xf7, 0xf9, 0xfb);
    public static readonly XColor Track = XColor.FromArgb(0xe8, 0xee, 0xf4);
    public static readonly XColor Increase = XColor.FromArgb(0xc6, 0x28, 0x28);
    public static readonly XColor Decrease = XColor.FromArgb(0x2e, 0x7d, 0x32);
    public static readonly XColor OnDark = XColor.FromArgb(0xd6, 0xe4, 0xf2);
    /// <summary>The trend's area under the current period: the primary colour, faint (solid, so no transparency group is needed).</summary>
    public static readonly XColor PrimaryWash = XColor.FromArgb(0xe4, 0xee, 0xf8);

    public XSolidBrush InkBrush { get; } = new(Ink);
    public XSolidBrush MutedBrush { get; } = new(Muted);
    public XSolidBrush PrimaryBrush { get; } = new(Primary);
    public XSolidBrush SecondaryBrush { get; } = new(Secondary);
    public XSolidBrush AppBarBrush { get; } = new(AppBar);
    public XSolidBrush TileBrush { get; } = new(Tile);
    public XSolidBrush ZebraBrush { get; } = new(Zebra);
    public XSolidBrush TrackBrush { get; } = new(Track);
    public XSolidBrush ComparisonBrush { get; } = new(Comparison);
    public XSolidBrush IncreaseBrush { get; } = new(Increase);
    public XSolidBrush DecreaseBrush { get; } = new(Decrease);
    public XSolidBrush OnDarkBrush { get; } = new(OnDark);
    public XSolidBrush WhiteBrush { get; } = new(XColors.White);
    public XSolidBrush PrimaryWashBrush { get; } = new(PrimaryWash);
    public XPen RulePen { get; } = new(Rule, 0.6);

    public XFont Title { get; } = Font(17, bold: true);
    public XFont Brand { get; } = Font(10, bold: true);
    public XFont Section { get; } = Font(11.5, bold: true);
    public XFont Body { get; } = Font(8.5);
    public XFont BodyBold { get; } = Font(8.5, bold: true);
    public XFont Small { get; } = Font(7.5);
    public XFont SmallBold { get; } = Font(7.5, bold: true);
    public XFont Label { get; } = Font(6.8, bold: true);
    public XFont Tiny { get; } = Font(6.8);

    public static XFont Font(double size, bool bold = false) =>
        new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}

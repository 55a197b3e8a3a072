using PdfSharp.Drawing;

namespace CostSense.Core.Reports.Pdf;

/// <summary>A section's heading: a short primary bar, the title, and an optional muted note on the right.</summary>
internal static class SectionTitle
{
    public const double Height = 22;

    public static void Draw(PdfCanvas c, string title, string? note = null)
    {
        var t = c.Theme;
        c.G.DrawRectangle(t.PrimaryBrush, c.Left, c.Y + 1, 3, 12);
        c.Text(title, t.Section, t.AppBarBrush, c.Left + 8, c.Y);
        if (note is not null)
        {
            var room = c.ContentWidth - c.Measure(title, t.Section) - 24;
            c.Text(c.Fit(note, t.Small, room), t.Small, t.MutedBrush, c.Right, c.Y + 3, XStringFormats.TopRight);
        }
        c.Y += Height;
    }
}

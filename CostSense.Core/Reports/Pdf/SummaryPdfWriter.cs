namespace CostSense.Core.Reports.Pdf;

/// <summary>Lays out a <see cref="SummaryReport"/> as an A4 PDF with PDFsharp. (Being written: see issue 13.)</summary>
public sealed class SummaryPdfWriter
{
    public byte[] Write(SummaryReport report) => throw new NotImplementedException("The PDF layout is being written.");
}

namespace CostSense.Core.Reports;

/// <summary>A summary as a PDF file, with the report it was drawn from (the e-mail's body quotes its figures).</summary>
public sealed record RenderedSummary(byte[] Pdf, string FileName, SummaryReport Report);

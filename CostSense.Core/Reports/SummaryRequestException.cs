namespace CostSense.Core.Reports;

/// <summary>A summary cannot be made for what was asked (an unknown subscription); the message says why in plain words.</summary>
public sealed class SummaryRequestException(string message) : Exception(message);

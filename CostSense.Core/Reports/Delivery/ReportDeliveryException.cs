namespace CostSense.Core.Reports.Delivery;

/// <summary>A report subscription or "Send now" refused, with the reason in words the page shows as it is.</summary>
public sealed class ReportDeliveryException(string message) : Exception(message);

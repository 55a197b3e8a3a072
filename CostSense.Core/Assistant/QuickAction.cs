namespace CostSense.Core.Assistant;

/// <summary>The data answers the panel offers without a model (<see cref="QuickAnswers"/>).</summary>
public enum QuickAction { TopCostDrivers, BiggestSavings, Anomalies }

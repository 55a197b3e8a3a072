namespace CostSense.Core.Budgets;

/// <summary>A budget change that cannot be made: the message names the field to fix (or says the budget is gone).</summary>
public sealed class BudgetException(string message) : Exception(message);

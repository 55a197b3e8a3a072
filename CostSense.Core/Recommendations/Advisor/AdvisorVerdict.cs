namespace CostSense.Core.Recommendations.Advisor;

/// <summary>Advisor's view of one CostSense recommendation: the same kind of action (and target), or another one.</summary>
public enum AdvisorVerdict { Agrees, Differs }

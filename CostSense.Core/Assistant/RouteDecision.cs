namespace CostSense.Core.Assistant;

/// <summary>Who should answer, and how sure the rules are.</summary>
public sealed record RouteDecision(SpecialistKind Specialist, bool IsSure, string Reason);

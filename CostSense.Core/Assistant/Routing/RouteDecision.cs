namespace CostSense.Core.Assistant.Routing;

/// <summary>One specialist's share of a question: the whole question, or its clauses on that specialist's subject.</summary>
public sealed record RoutePart(SpecialistKind Specialist, string Question);

/// <summary>
/// Who should answer, and how sure the rules are: one part, or two when the question asks two specialists at once
/// ("which VMs are idle, and can we also cut our blob costs?"). When unsure, <see cref="Parts"/> holds the rules' best
/// guess and <see cref="Candidates"/> the specialists that scored, best first.
/// </summary>
public sealed record RouteDecision(IReadOnlyList<RoutePart> Parts, bool IsSure, string Reason, IReadOnlyList<SpecialistKind> Candidates)
{
    public SpecialistKind Specialist => Parts[0].Specialist;

    public bool IsTwoTopic => Parts.Count > 1;

    public IEnumerable<SpecialistKind> Specialists => Parts.Select(p => p.Specialist);
}

namespace CostSense.Core.Assistant.Routing;

/// <summary>What a matched word or phrase says about a question.</summary>
public enum TermRole
{
    /// <summary>A subject of one specialist ("forecast", "blob", "payback").</summary>
    Topic,

    /// <summary>Words about money spent ("spend", "bill", "how much"): the cost analyst's, unless the question is about cutting it.</summary>
    Spend,

    /// <summary>Savings verbs ("cut", "reduce", "cheapest", "unused"): they count for whoever acts on what the question names.</summary>
    Action,

    /// <summary>Greetings, thanks, "what can you do".</summary>
    SmallTalk,
}

/// <summary>
/// One entry of the routing vocabulary: a word or phrase as atoms, each an exact (stemmed) word, a prefix ending in
/// <c>*</c> ("reserv*") or <c>*</c> alone for at most one word of any kind ("eating * budget"), with the specialist it speaks for and
/// its weight.
/// </summary>
public sealed record RouteTerm(string Text, string[] Atoms, TermRole Role, SpecialistKind Kind, double Weight);

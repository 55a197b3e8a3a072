using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CostSense.Core.Assistant.Routing;

/// <summary>
/// Routes a question by rules over its words and phrases (<see cref="RoutingVocabulary"/>): a 3B model's own hand-offs
/// between agents are unreliable and cost seconds, while the four domains' vocabularies barely overlap.
/// <list type="bullet">
/// <item>The longest phrase wins its words: "eating the budget" is about spend, so its "budget" says nothing more.</item>
/// <item>Spend versus action: a question about money spent ("how much do our VMs cost?") is the cost analyst's, so VM
/// and storage words count half; a question with a savings verb ("cut our blob costs") is about acting, so its spend
/// words count nothing and the verb counts for whoever acts on what the clause (or else the question) names: the
/// compute or storage optimizer, or the FinOps advisor when nothing is named or a commitment is.</item>
/// <item>Two topics: the question is cut into clauses at punctuation and conjunctions; when two clauses each clearly
/// belong to a different specialist, both answer, each its own clauses. A bare qualifier ("…, MTD?") or a condition
/// ("if the team only has two days, …") is not a question of its own.</item>
/// <item>Unsure: no domain word, a single weak word, or two specialists close. Only then is the model asked.</item>
/// </list>
/// Thread-safe: a route takes microseconds (the benchmark's <c>--routing</c> prints it).
/// </summary>
public sealed partial class QuestionRouter
{
    /// <summary>The least score that decides; one domain word ("storage", "forecast") reaches it, a generic one ("cost") does not.</summary>
    private const double Decides = 3;

    private static readonly FrozenSet<string> Conjunctions = FrozenSet.Create(StringComparer.Ordinal, "and", "n", "plus", "but", "then", "or");

    /// <summary>Words that open a condition ("if the team only has two days, …"): such a clause is not a question of its own.</summary>
    private static readonly FrozenSet<string> Subordinators = FrozenSet.Create(StringComparer.Ordinal,
        "if", "when", "whenever", "since", "because", "given", "assuming", "although", "though", "unless", "once");

    private readonly FrozenDictionary<string, RouteTerm[]> _byFirstWord;
    private readonly FrozenDictionary<char, RouteTerm[]> _byFirstPrefix;
    private readonly string[] _prefixes;
    private readonly FrozenSet<string> _known;
    private readonly FrozenSet<string> _alone;
    private readonly TypoMatcher _typos;

    public QuestionRouter() : this(RoutingVocabulary.Terms, RoutingVocabulary.CommonWords) { }

    public QuestionRouter(IReadOnlyList<RouteTerm> terms, IReadOnlySet<string> commonWords)
    {
        // The same phrase listed twice for one specialist and role counts once, at its higher weight.
        var distinct = terms.GroupBy(t => (string.Join(' ', t.Atoms), t.Role, t.Kind)).Select(g => g.MaxBy(t => t.Weight)!).ToList();
        _byFirstWord = distinct.Where(t => !IsPrefix(t.Atoms[0])).GroupBy(t => t.Atoms[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byFirstPrefix = distinct.Where(t => IsPrefix(t.Atoms[0])).GroupBy(t => t.Atoms[0][0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _prefixes = [.. distinct.SelectMany(t => t.Atoms).Where(IsPrefix).Select(a => a[..^1]).Distinct()];
        var words = distinct.SelectMany(t => t.Atoms).Where(a => !a.EndsWith('*')).ToHashSet(StringComparer.Ordinal);
        _known = words.Concat(commonWords).ToFrozenSet(StringComparer.Ordinal);
        _alone = distinct.Where(t => t.Atoms.Length == 1).Select(t => t.Atoms[0]).ToFrozenSet(StringComparer.Ordinal);
        _typos = new TypoMatcher(words, _prefixes, commonWords);
    }

    public RouteDecision Route(string question)
    {
        var tokens = QuestionText.Tokenize(question);
        var words = tokens.Select(t => Canonical(t.Word)).ToArray();
        var hits = Match(words);
        var clauses = Clauses(question, tokens, words, hits);
        var totals = new Dictionary<SpecialistKind, double>();
        foreach (var clause in clauses)
            foreach (var (kind, score) in clause.Scores) totals[kind] = totals.GetValueOrDefault(kind) + score;
        var ranked = totals.Where(t => t.Value > 0).OrderByDescending(t => t.Value).ThenBy(t => t.Key).ToList();
        var smallTalk = hits.Any(h => h.Term.Role == TermRole.SmallTalk);
        var whole = question.Trim();

        if (ranked.Count == 0 || (smallTalk && ranked[0].Value < Decides))
            return smallTalk || whole.Length < 4
                ? Single(SpecialistKind.Orchestrator, whole, true, "small talk", [])
                : Single(SpecialistKind.Orchestrator, whole, false, "no domain words", []);

        var candidates = ranked.Select(r => r.Key).ToList();
        var reason = string.Join(", ", ranked.Select(r => $"{r.Key.DisplayName()} {r.Value.ToString("0.#", CultureInfo.InvariantCulture)}"))
            + $" [{string.Join(", ", hits.Select(h => h.Term.Text))}]";
        if (TwoTopics(clauses, totals) is { } parts)
            return new RouteDecision(parts, true, $"two topics: {reason}", candidates);
        var (best, second) = (ranked[0].Value, ranked.Count > 1 ? ranked[1].Value : 0);
        var sure = best >= Decides && best - second >= 2 && best >= 1.5 * second;
        return Single(ranked[0].Key, whole, sure, sure ? reason : $"unsure: {reason}", candidates);
    }

    private static RouteDecision Single(SpecialistKind kind, string question, bool sure, string reason, IReadOnlyList<SpecialistKind> candidates) =>
        new([new RoutePart(kind, question)], sure, reason, candidates);

    /// <summary>
    /// Two clauses that each clearly belong to a different specialist: both answer, each with its own clauses, in the
    /// order the question asks them. With three or more, the two with the highest scores.
    /// </summary>
    private static IReadOnlyList<RoutePart>? TwoTopics(List<Clause> clauses, Dictionary<SpecialistKind, double> totals)
    {
        var owners = clauses.Select(c => (Clause: c, Owner: c.Owner())).Where(c => c.Owner is not null).ToList();
        var specialists = owners.Select(o => o.Owner!.Value).Distinct().ToList();
        if (specialists.Count < 2) return null;
        var chosen = specialists.OrderByDescending(s => totals[s]).Take(2).ToHashSet();
        return [.. specialists.Where(chosen.Contains).Select(s => new RoutePart(s,
            string.Join(" ", owners.Where(o => o.Owner == s).Select(o => o.Clause.Text))))];
    }

    /// <summary>A word as the vocabulary knows it: itself, a named resource's kind, or the word it is a typo of.</summary>
    private string Canonical(string word)
    {
        if (_known.Contains(word)) return word;
        if (StorageAccountName().IsMatch(word)) return "storage";
        if (VmName().IsMatch(word)) return "vm";
        foreach (var prefix in _prefixes)
            if (word.StartsWith(prefix, StringComparison.Ordinal)) return word;
        // A word that is a term of its own beats one that only stands inside a phrase: "trned" is "trend", not "turned".
        var candidates = _typos.Candidates(word).ToList();
        var corrected = candidates.FirstOrDefault(_alone.Contains) ?? candidates.FirstOrDefault();
        return corrected?.TrimEnd('*') ?? word;
    }

    /// <summary>
    /// The terms the question holds, longest first wherever they start (the heavier of equal length, then the earlier);
    /// a term's words are used up, so "eating the budget" wins its "budget" even after "what's eating" began.
    /// </summary>
    private List<Hit> Match(string[] words)
    {
        var found = new List<Hit>();
        for (var i = 0; i < words.Length; i++)
        {
            var exact = _byFirstWord.TryGetValue(words[i], out var byWord) ? byWord : [];
            var prefixed = words[i].Length > 0 && _byFirstPrefix.TryGetValue(words[i][0], out var byLetter) ? byLetter : [];
            foreach (var term in exact.Concat(prefixed))
                if (MatchAt(term.Atoms, 0, words, i) is var length and > 0) found.Add(new Hit(term, i, length));
        }
        var used = new bool[words.Length];
        var hits = new List<Hit>();
        foreach (var hit in found.OrderByDescending(h => h.Length).ThenByDescending(h => h.Term.Weight).ThenBy(h => h.First))
        {
            if (Enumerable.Range(hit.First, hit.Length).Any(i => used[i])) continue;
            for (var i = hit.First; i < hit.First + hit.Length; i++) used[i] = true;
            hits.Add(hit);
        }
        hits.Sort((a, b) => a.First.CompareTo(b.First));
        return hits;
    }

    /// <summary>How many words <paramref name="atoms"/> from <paramref name="a"/> match from word <paramref name="i"/>; -1 when they don't.</summary>
    private static int MatchAt(string[] atoms, int a, string[] words, int i)
    {
        if (a == atoms.Length) return 0;
        if (atoms[a] == "*")
        {
            var withOne = i < words.Length ? MatchAt(atoms, a + 1, words, i + 1) : -1;
            return withOne >= 0 ? withOne + 1 : MatchAt(atoms, a + 1, words, i);
        }
        if (i >= words.Length || !Matches(atoms[a], words[i])) return -1;
        var rest = MatchAt(atoms, a + 1, words, i + 1);
        return rest < 0 ? -1 : rest + 1;
    }

    private static bool Matches(string atom, string word) => IsPrefix(atom)
        ? word.StartsWith(atom.AsSpan(0, atom.Length - 1), StringComparison.Ordinal)
        : string.Equals(atom, word, StringComparison.Ordinal);

    private static bool IsPrefix(string atom) => atom.Length > 1 && atom[^1] == '*';

    /// <summary>
    /// The question's clauses, scored: cut at clause punctuation, at a conjunction no phrase used ("and", "but", "or"…)
    /// and before "what about"/"how about"; a clause with no domain word joins the one before it (or after it, first).
    /// </summary>
    private static List<Clause> Clauses(string question, List<QuestionToken> tokens, string[] words, List<Hit> hits)
    {
        var used = new bool[words.Length];
        foreach (var hit in hits)
            for (var i = hit.First; i < hit.First + hit.Length; i++) used[i] = true;
        var clauseOf = new int[words.Length];
        for (var i = 1; i < words.Length; i++)
        {
            var cut = tokens[i].BreaksBefore
                || (Conjunctions.Contains(words[i - 1]) && !used[i - 1] && !tokens[i - 1].BreaksBefore)
                || (words[i] is "what" or "how" && i + 1 < words.Length && words[i + 1] == "about");
            clauseOf[i] = clauseOf[i - 1] + (cut ? 1 : 0);
        }
        var count = words.Length == 0 ? 0 : clauseOf[^1] + 1;
        var clauseHits = Enumerable.Range(0, count).Select(c => hits.Where(h => clauseOf[h.First] == c).ToList()).ToList();

        // Spend versus action is decided over the whole question; what an action acts on, per clause first.
        var action = hits.Any(h => h.Term.Role == TermRole.Action);
        var spend = hits.Any(h => h.Term.Role == TermRole.Spend);
        var named = Optimizers(hits);
        var scored = clauseHits.Select(h => Score(h, action, spend, named)).ToList();

        var clauses = new List<Clause>();
        var pending = -1;
        for (var c = 0; c < count; c++)
        {
            var first = Array.IndexOf(clauseOf, c);
            var last = Array.LastIndexOf(clauseOf, c);
            // Conjunctions at a clause's ends belong to the joints, not to the clause ("which VMs are idle, and").
            while (last > first && Conjunctions.Contains(words[last])) last--;
            var hasDomain = scored[c].Values.Any(v => v > 0);
            if (!hasDomain && clauses.Count > 0)
            {
                clauses[^1] = clauses[^1].Extend(last, tokens, question, scored[c]);
                continue;
            }
            if (!hasDomain)
            {
                pending = pending < 0 ? first : pending;
                continue;
            }
            var start = pending >= 0 ? pending : first;
            while (start < last && Conjunctions.Contains(words[start])) start++;
            clauses.Add(new Clause(start, last, question[tokens[start].Start..tokens[last].End], scored[c], Subordinators.Contains(words[start])));
            pending = -1;
        }
        return clauses;
    }

    private static HashSet<SpecialistKind> Optimizers(IEnumerable<Hit> hits) =>
        hits.Where(h => h.Term.Role == TermRole.Topic && h.Term.Kind is SpecialistKind.ComputeOptimizer or SpecialistKind.StorageOptimizer)
            .Select(h => h.Term.Kind).ToHashSet();

    private static Dictionary<SpecialistKind, double> Score(List<Hit> hits, bool action, bool spend, HashSet<SpecialistKind> namedInQuestion)
    {
        var scores = new Dictionary<SpecialistKind, double>();
        void Add(SpecialistKind kind, double weight) => scores[kind] = scores.GetValueOrDefault(kind) + weight;
        var named = Optimizers(hits);
        // "Cut costs with reservations": the commitment is the action, the FinOps advisor's.
        var commitment = hits.Any(h => h.Term is { Role: TermRole.Topic, Kind: SpecialistKind.FinOpsAdvisor, Weight: >= 4 });
        foreach (var hit in hits)
        {
            var term = hit.Term;
            switch (term.Role)
            {
                case TermRole.Topic:
                    var objectOfSpend = spend && !action && term.Kind is SpecialistKind.ComputeOptimizer or SpecialistKind.StorageOptimizer;
                    Add(term.Kind, objectOfSpend ? term.Weight / 2 : term.Weight);
                    break;
                case TermRole.Spend when !action:
                    Add(SpecialistKind.CostAnalyst, term.Weight);
                    break;
                case TermRole.Action:
                    HashSet<SpecialistKind> actors = commitment ? [] : named.Count > 0 ? named : namedInQuestion;
                    if (actors.Count == 0) Add(SpecialistKind.FinOpsAdvisor, term.Weight);
                    foreach (var actor in actors) Add(actor, term.Weight);
                    break;
            }
        }
        return scores;
    }

    [GeneratedRegex("^st[a-z]*[0-9][a-z0-9]*$")]
    private static partial Regex StorageAccountName();

    [GeneratedRegex("^vm[0-9]+$")]
    private static partial Regex VmName();

    private sealed record Hit(RouteTerm Term, int First, int Length);

    /// <summary>A clause: its words (first to last token), its text as asked, and its scores.</summary>
    private sealed record Clause(int First, int Last, string Text, Dictionary<SpecialistKind, double> Scores, bool IsCondition)
    {
        /// <summary>The specialist this clause clearly belongs to: a deciding score, well ahead of the next.</summary>
        public SpecialistKind? Owner()
        {
            var ranked = Scores.Where(s => s.Value > 0).OrderByDescending(s => s.Value).ToList();
            // A bare qualifier ("…, MTD?") narrows the clause before it; it is not a question of its own.
            if (ranked.Count == 0 || ranked[0].Value < Decides || Last == First || IsCondition) return null;
            return ranked.Count == 1 || ranked[0].Value - ranked[1].Value >= 1.5 ? ranked[0].Key : null;
        }

        public Clause Extend(int last, List<QuestionToken> tokens, string question, Dictionary<SpecialistKind, double> more)
        {
            var scores = new Dictionary<SpecialistKind, double>(Scores);
            foreach (var (kind, score) in more) scores[kind] = scores.GetValueOrDefault(kind) + score;
            return this with { Last = last, Text = question[tokens[First].Start..tokens[last].End], Scores = scores };
        }
    }
}

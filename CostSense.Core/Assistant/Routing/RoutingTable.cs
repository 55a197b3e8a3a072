namespace CostSense.Core.Assistant.Routing;

/// <summary>
/// A routing table: questions and who should answer them, as tab-separated lines <c>expected, question, kind</c>
/// under a header. <c>expected</c> is a label (<c>cost</c>, <c>compute</c>, <c>storage</c>, <c>finops</c>,
/// <c>chat</c>), <c>a|b</c> when either one is a right answerer, or <c>a+b</c> when a two-topic question needs both.
/// The tests hold the tables; the tests and the assistant benchmark judge routes with <see cref="Accepts"/>.
/// </summary>
public sealed record RoutingCase(string Question, IReadOnlyList<SpecialistKind> Expected, bool NeedsAll, string Kind, int Line)
{
    public static IReadOnlyList<RoutingCase> Parse(string tsv)
    {
        var cases = new List<RoutingCase>();
        var lines = tsv.ReplaceLineEndings("\n").Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = lines[i].Split('\t');
            if (cells.Length < 2) throw new FormatException($"Line {i + 1}: expected 'expected<TAB>question<TAB>kind', found '{lines[i]}'.");
            var all = cells[0].Contains('+');
            var expected = cells[0].Split(all ? '+' : '|').Select(l => Label(l.Trim(), i + 1)).ToList();
            cases.Add(new RoutingCase(cells[1].Trim(), expected, all, cells.Length > 2 ? cells[2].Trim() : "", i + 1));
        }
        return cases;
    }

    /// <summary>Whether these parts answer the question rightly: one of the expected specialists alone, or exactly both.</summary>
    public bool Accepts(IReadOnlyList<RoutePart> parts) => NeedsAll
        ? parts.Count == Expected.Count && parts.All(p => Expected.Contains(p.Specialist))
        : parts.Count == 1 && Expected.Contains(parts[0].Specialist);

    public string ExpectedText => string.Join(NeedsAll ? " + " : " or ", Expected.Select(e => e.DisplayName()));

    /// <summary>A table's label is the model's label: one vocabulary for who answers.</summary>
    private static SpecialistKind Label(string label, int line) => ModelRouting.KindOf(label)
        ?? throw new FormatException($"Line {line}: '{label}' is not a label (cost, compute, storage, finops, chat).");
}

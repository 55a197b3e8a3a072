namespace CostSense.Benchmarks.Scale;

/// <summary>
/// The figures of one scale run, printed as they come (a long run shows progress) and once more as a Markdown table at
/// the end, ready for docs/benchmarks.md.
/// </summary>
public sealed class ScaleReport(TextWriter output)
{
    private readonly List<ScaleFigure> _figures = [];
    private readonly Lock _gate = new();

    public TextWriter Output => output;

    public IReadOnlyList<ScaleFigure> Figures
    {
        get { lock (_gate) return [.. _figures]; }
    }

    public void Add(ScaleFigure figure)
    {
        lock (_gate) _figures.Add(figure);
        output.WriteLine($"  {Verdict(figure.Met)} {figure.Figure}: {figure.Measured}" +
            (figure.Baseline is null ? "" : $" (baseline {figure.Baseline})") + $" — target {figure.Target}" +
            (figure.Note is null ? "" : $"; {figure.Note}"));
    }

    /// <summary>A line of progress (what is being built or measured now).</summary>
    public void Say(string line) => output.WriteLine(line);

    public void WriteTable()
    {
        output.WriteLine();
        output.WriteLine("| Figure | Target | Measured | Baseline | Met |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var f in Figures)
            output.WriteLine($"| {f.Figure} | {f.Target} | {f.Measured}{(f.Note is null ? "" : $" ({f.Note})")} | {f.Baseline ?? "—"} | {Verdict(f.Met)} |");
    }

    private static string Verdict(bool? met) => met switch { true => "yes", false => "**no**", null => "—" };
}

using System.Diagnostics;
using CostSense.Core.Assistant;
using CostSense.Core.Assistant.Routing;

/// <summary>
/// How well and how fast the assistant's rules route questions:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --routing
/// reads the routing table the tests hold (written by someone who had not read the router) and two held-out tables
/// (written apart, and first measured before anyone read their misses), and prints for each the share routed to an acceptable specialist, by kind of question, the
/// share the rules decide alone (the rest would ask the model), the misses, then the time one route takes.
/// </summary>
internal static class RoutingBenchmark
{
    public static void Run()
    {
        var build = Stopwatch.StartNew();
        var router = new QuestionRouter();
        build.Stop();
        var folder = Path.Combine(RepositoryRoot(), "CostSense.Tests", "Assistant", "Routing");
        var all = new List<RoutingCase>();
        foreach (var (file, title) in new[]
                 {
                     ("routing-table.tsv", "the routing table the tests hold"),
                     ("routing-holdout.tsv", "held-out table 1"),
                     ("routing-fresh.tsv", "held-out table 2"),
                 })
        {
            var cases = RoutingCase.Parse(File.ReadAllText(Path.Combine(folder, file)));
            all.AddRange(cases);
            var results = cases.Select(c => (Case: c, Decision: router.Route(c.Question))).ToList();
            var right = results.Count(r => r.Case.Accepts(r.Decision.Parts));
            var sure = results.Count(r => r.Decision.IsSure);
            Console.WriteLine($"{title} ({file}): {cases.Count} questions");
            Console.WriteLine($"  routed right   {right,4} of {cases.Count} ({Percent(right, cases.Count)})");
            Console.WriteLine($"  rules decided  {sure,4} of {cases.Count} ({Percent(sure, cases.Count)}); the model would be asked for {cases.Count - sure}");
            Console.WriteLine($"  by kind        {string.Join(", ", results.GroupBy(r => r.Case.Kind).OrderBy(g => g.Key)
                .Select(g => $"{g.Key} {g.Count(r => r.Case.Accepts(r.Decision.Parts))}/{g.Count()}"))}");
            foreach (var (c, d) in results.Where(r => !r.Case.Accepts(r.Decision.Parts)))
                Console.WriteLine($"  miss (line {c.Line}): \"{c.Question}\" expected {c.ExpectedText}, got {d.Specialists.DisplayNames()} ({d.Reason})");
        }

        const int Rounds = 200;
        var times = new List<double>(Rounds * all.Count);
        // Warm up until the JIT's tiers have settled: the figures are the steady state a long-running app routes at.
        for (var round = 0; round < 50; round++)
            foreach (var c in all) router.Route(c.Question);
        for (var round = 0; round < Rounds; round++)
            foreach (var c in all)
            {
                var sw = Stopwatch.StartNew();
                router.Route(c.Question);
                times.Add(sw.Elapsed.TotalMicroseconds);
            }
        times.Sort();
        Console.WriteLine($"route a question by rules: median {times[times.Count / 2]:N1} µs, p99 {times[(int)(times.Count * 0.99)]:N1} µs, " +
                          $"max {times[^1]:N1} µs over {times.Count:N0} routes; building the router {build.Elapsed.TotalMilliseconds:N1} ms once");
    }

    private static string Percent(int part, int whole) => $"{100.0 * part / whole:N1}%";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CostSense.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository: CostSense.sln was not found above " + AppContext.BaseDirectory);
    }
}

using Mono.Cecil;

namespace CostSense.Tests.Architecture;

/// <summary>A reference from a type in one layer to a type in a layer above it.</summary>
internal sealed record LayerViolation(string From, string FromLayer, string To, string ToLayer)
{
    public override string ToString() => $"{From} ({FromLayer}) -> {To} ({ToLayer})";
}

/// <summary>What the check found: upward references, and namespaces under the root that no layer names.</summary>
internal sealed record LayerReport(IReadOnlyList<LayerViolation> Violations, IReadOnlyList<string> UnlayeredNamespaces)
{
    public bool IsClean => Violations.Count == 0 && UnlayeredNamespaces.Count == 0;

    public override string ToString() => IsClean ? "clean" : string.Join('\n',
        Violations.Select(v => "upward: " + v).Concat(UnlayeredNamespaces.Select(n => "in no layer: " + n)));
}

/// <summary>Judges the compiled types of a module against <see cref="LayerRules"/>.</summary>
internal static class LayerChecker
{
    public static LayerReport Check(ModuleDefinition module, LayerRules rules)
    {
        var violations = new List<LayerViolation>();
        var unlayered = new SortedSet<string>(StringComparer.Ordinal);
        // Nested types are walked with the top-level type they are declared in.
        foreach (var type in module.Types.Where(t => rules.IsInside(t.Namespace)))
        {
            var from = rules.IndexOf(type.Namespace);
            if (from is null) { unlayered.Add(type.Namespace); continue; }
            foreach (var target in TypeReferences.Of(type).Where(t => rules.IsInside(t.Namespace)))
            {
                var to = rules.IndexOf(target.Namespace);
                if (to is null) unlayered.Add(target.Namespace);
                else if (to > from) violations.Add(new(type.FullName, rules.NameOf(from.Value), target.FullName, rules.NameOf(to.Value)));
            }
        }
        return new(violations.OrderBy(v => v.From, StringComparer.Ordinal).ThenBy(v => v.To, StringComparer.Ordinal).ToList(), unlayered.ToList());
    }

    public static LayerReport Check(string assemblyPath, LayerRules rules)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        return Check(module, rules);
    }
}

using System.Collections.Frozen;

namespace CostSense.Core.Assistant.Routing;

/// <summary>
/// Reads a near miss of a vocabulary word as that word: "storgae" is "storage", "reservaton" is "reserv*",
/// "anomolies" is "anomal*". One letter wrong, missing, extra or swapped with its neighbour, in words of five
/// letters or more that start with the right letter and are not everyday words (and in five-letter words, no letter
/// replaced by another). Word matches come from an index of
/// each word with one letter dropped (the deletions of a typo and of its word meet), so a lookup costs a few
/// dictionary reads, not a comparison with every word.
/// </summary>
public sealed class TypoMatcher
{
    private const int MinLength = 5;
    private readonly FrozenDictionary<string, string[]> _byDeletion;
    private readonly string[] _prefixes;
    private readonly IReadOnlySet<string> _common;

    public TypoMatcher(IEnumerable<string> words, IEnumerable<string> prefixes, IReadOnlySet<string> common)
    {
        _common = common;
        _byDeletion = words.Where(w => w.Length >= MinLength && w.All(char.IsLetter)).Distinct()
            .SelectMany(w => Deletions(w).Append(w).Distinct().Select(d => (Key: d, Word: w)))
            .GroupBy(p => p.Key, p => p.Word)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _prefixes = [.. prefixes.Where(p => p.Length >= MinLength).Distinct()];
    }

    /// <summary>The vocabulary words (and prefixes, ending in <c>*</c>) <paramref name="token"/> may be a typo of; none for a
    /// short or everyday word.</summary>
    public IEnumerable<string> Candidates(string token)
    {
        if (token.Length < MinLength || _common.Contains(token) || !token.All(char.IsLetter)) yield break;
        foreach (var key in Deletions(token).Prepend(token))
            if (_byDeletion.TryGetValue(key, out var words))
                foreach (var word in words)
                    if (word[0] == token[0] && Distance(word, token) <= 1 && (token.Length > MinLength || !IsSubstitution(word, token)))
                        yield return word;
        foreach (var prefix in _prefixes)
        {
            if (prefix[0] != token[0]) continue;
            for (var length = prefix.Length - 1; length <= prefix.Length + 1; length++)
                if (length <= token.Length && Distance(prefix, token[..length]) <= 1)
                {
                    yield return prefix + "*";
                    break;
                }
        }
    }

    /// <summary>One letter replaced by another: in a five-letter word that is too often another word ("shape" is not "shave").</summary>
    private static bool IsSubstitution(string a, string b) =>
        a.Length == b.Length && a.Zip(b).Count(p => p.First != p.Second) == 1;

    private static IEnumerable<string> Deletions(string word)
    {
        for (var i = 0; i < word.Length; i++) yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
    }

    /// <summary>Edits between two words, an adjacent swap counting as one (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return 2;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

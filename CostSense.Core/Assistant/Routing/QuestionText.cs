namespace CostSense.Core.Assistant.Routing;

/// <summary>A word of a question, lower case and stemmed, with where it stands in the original text.</summary>
/// <param name="BreaksBefore">Punctuation that ends a clause (, ; ? ! : &amp; or a full stop) stands between it and the word before.</param>
public readonly record struct QuestionToken(string Word, int Start, int End, bool BreaksBefore);

/// <summary>Splits a question into words the vocabulary can match.</summary>
public static class QuestionText
{
    /// <summary>
    /// The question's words: letters and digits, lower case, stemmed; an apostrophe inside a word is dropped
    /// ("what's" is "what", "vm's" is "vm"), anything else separates ("vm-api-prod-03" is vm, api, prod, 03;
    /// "dev/test" is dev, test).
    /// </summary>
    public static List<QuestionToken> Tokenize(string question)
    {
        var tokens = new List<QuestionToken>();
        var word = new System.Text.StringBuilder();
        var start = -1;
        var breaks = false;
        for (var i = 0; i <= question.Length; i++)
        {
            var c = i < question.Length ? question[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (start < 0) start = i;
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (c is '\'' or '’' && start >= 0 && i + 1 < question.Length && char.IsLetter(question[i + 1])) continue;
            if (start >= 0)
            {
                tokens.Add(new QuestionToken(Stem(word.ToString()), start, i, breaks));
                (word.Length, start, breaks) = (0, -1, false);
            }
            // A full stop between digits ("1.5") or inside a name ("app.contoso") is not the end of a clause.
            if (c is ',' or ';' or '?' or '!' or ':' or '\n' or '—' or '&' || (c == '.' && (i + 1 >= question.Length || char.IsWhiteSpace(question[i + 1]))))
                breaks = true;
        }
        return tokens;
    }

    /// <summary>A plural's singular, roughly: "vms" is "vm", "policies" is "policy"; "access", "status" and "this" stay.</summary>
    public static string Stem(string word)
    {
        if (word.Length >= 5 && word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.Length >= 3 && word[^1] == 's' && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }
}

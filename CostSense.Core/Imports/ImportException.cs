namespace CostSense.Core.Imports;

/// <summary>
/// A file that cannot be imported, and exactly where and why: the whole file is refused and the store is left as it
/// was. <see cref="Line"/>, <see cref="Column"/> and <see cref="Value"/> are null where the problem is the file itself
/// (an unknown header, a truncated gzip).
/// </summary>
public sealed class ImportException(string fileName, string reason, long? line = null, string? column = null, string? value = null)
    : Exception(Describe(fileName, reason, line, column, value))
{
    public string FileName { get; } = fileName;
    public string Reason { get; } = reason;
    public long? Line { get; } = line;
    public string? Column { get; } = column;
    public string? Value { get; } = value;

    private static string Describe(string fileName, string reason, long? line, string? column, string? value) =>
        fileName
        + (line is { } l ? $", line {l}" : "")
        + (column is not null ? $", column {column}" : "")
        + (value is not null ? $", value '{(value.Length > 60 ? value[..60] + "…" : value)}'" : "")
        + ": " + reason;
}

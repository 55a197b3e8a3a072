using System.Text;
using CostSense.Core.Imports;

namespace CostSense.Tests.Imports;

/// <summary>The CSV container: encodings and line endings, quoting, physical line numbers, and each structural defect.</summary>
public class CsvTabularSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(IReadOnlyList<string> Header, List<TabularRow> Rows)> ReadAsync(byte[] bytes)
    {
        await using var source = await CsvTabularSource.OpenAsync("t.csv", new MemoryStream(bytes), Ct);
        var rows = new List<TabularRow>();
        while (await source.ReadAsync(Ct) is { } row) rows.Add(row);
        return (source.Header, rows);
    }

    private static Task<(IReadOnlyList<string> Header, List<TabularRow> Rows)> ReadAsync(string text) => ReadAsync(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Bom_AndCrlf_AreNeitherInTheHeaderNorInTheCells()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("A,B\r\n1,2\r\n")).ToArray();

        var (header, rows) = await ReadAsync(bytes);

        Assert.Equal(["A", "B"], header);
        Assert.Equal(new string?[] { "1", "2" }, Assert.Single(rows).Cells);
    }

    [Fact]
    public async Task QuotedFields_KeepCommasQuotesAndLineBreaks_AndLaterRowsKeepTheirPhysicalLine()
    {
        var text = "Name,Tags,Cost\n" +
                   "vm1,\"{\"\"env\"\": \"\"prod,eu\"\"}\",1\n" +
                   "vm2,\"line one\nline two\nline three\",2\n" +
                   "vm3,x,3\n";

        var (_, rows) = await ReadAsync(text);

        Assert.Equal([2L, 3L, 6L], rows.Select(r => r.Line));
        Assert.Equal("{\"env\": \"prod,eu\"}", rows[0].Cells[1]);
        Assert.Equal("line one\nline two\nline three", rows[1].Cells[1]);
    }

    [Fact]
    public async Task ReadOnly_LeavesTheOtherCellsNull_AndStillChecksEveryRowsFieldCount()
    {
        await using var source = await CsvTabularSource.OpenAsync("t.csv", new MemoryStream("A,B,C\n1,2,3\n4,5\n"u8.ToArray()), Ct);
        source.ReadOnly([2, 0]);

        var row = await source.ReadAsync(Ct);
        var ex = await Assert.ThrowsAsync<ImportException>(async () => await source.ReadAsync(Ct));

        Assert.Equal(new string?[] { "1", null, "3" }, row!.Cells);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public async Task BlankLines_AreSkipped_WithoutShiftingLineNumbers()
    {
        var (_, rows) = await ReadAsync("A,B\r\n\r\n1,2\r\n\r\n3,4\r\n");

        Assert.Equal([3L, 5L], rows.Select(r => r.Line));
    }

    [Fact]
    public async Task HeaderOnly_YieldsZeroRows()
    {
        var (header, rows) = await ReadAsync("A,B,C\n");

        Assert.Equal(3, header.Count);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task EmptyFile_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAsync(""));

        Assert.Equal("t.csv: the file is empty: no header and no rows", e.Message);
        Assert.Null(e.Line);
    }

    [Fact]
    public async Task DuplicateHeaderColumn_IsRefusedAtLine1_NamingTheColumn()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAsync("BilledCost,EffectiveCost,billedcost\n1,2,3\n"));

        Assert.Equal((1L, "billedcost"), (e.Line, e.Column));
        Assert.Equal("the header names column 'billedcost' twice (fields 1 and 3)", e.Reason);
    }

    [Fact]
    public async Task TooFewFields_IsRefusedAtThatRowsLine_NamingTheFirstMissingColumn()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAsync("A,B,C\n1,\"two\nlines\",3\n4,5\n"));

        Assert.Equal((4L, "C"), (e.Line, e.Column));
        Assert.Equal("t.csv, line 4, column C: the row has 2 fields but the header has 3", e.Message);
    }

    [Fact]
    public async Task TooManyFields_IsRefusedAtThatRowsLine()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAsync("A,B\n1,2\n1,2,3\n"));

        Assert.Equal((3L, "#3 (past the last header column)"), (e.Line, e.Column));
        Assert.Equal("the row has 3 fields but the header has 2", e.Reason);
    }

    [Fact]
    public async Task UnterminatedQuote_SwallowsTheRestOfTheFile_AndIsRefusedWhereItStarts()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAsync("A,B,C\n1,2,3\n4,\"open,5,6\n7,8,9\n"));

        Assert.Equal((3L, "C"), (e.Line, e.Column));
    }

    [Fact]
    public async Task InvalidUtf8_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ReadAsync([(byte)'A', (byte)'\n', 0xC3, 0x28, (byte)'\n']));

        Assert.Contains("not valid UTF-8", e.Reason);
    }
}

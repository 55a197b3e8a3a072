using System.Buffers;
using System.Text.Unicode;

namespace CostSense.Core.Imports.Containers;

/// <summary>
/// Decides from a text file's first bytes whether it is UTF-8, the one encoding imports read. A UTF-8 byte order mark
/// is accepted (and skipped); UTF-16 and UTF-32 (by their byte order mark, or UTF-16 without one by its pattern of NUL
/// bytes), other NUL-bearing binary data and bytes that are not valid UTF-8 (ANSI, Windows-1252) are refused with the
/// encoding named and how to re-save the file.
/// </summary>
internal static class TextEncodingCheck
{
    /// <summary>How many leading bytes are sniffed.</summary>
    public const int SampleLength = 4096;

    private const string ReSave =
        "CostSense reads UTF-8: re-save it as \"CSV UTF-8 (Comma delimited)\" (Excel) or UTF-8 (any editor), or convert it with iconv -t UTF-8";

    /// <summary>
    /// The length of the byte order mark to skip (3 for UTF-8's, else 0); throws <see cref="ImportException"/> for any
    /// other encoding. <paramref name="isWholeFile"/> says the sample is the whole file, so a multi-byte character cut
    /// at its end is an error rather than the sample's edge.
    /// </summary>
    public static int BomLength(ReadOnlySpan<byte> sample, bool isWholeFile, string fileName)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) throw Refuse(fileName, "UTF-32 LE (with a byte order mark)");
        if (sample.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) throw Refuse(fileName, "UTF-32 BE (with a byte order mark)");
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) throw Refuse(fileName, "UTF-16 LE (with a byte order mark)");
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) throw Refuse(fileName, "UTF-16 BE (with a byte order mark)");
        var bom = sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var text = sample[bom..];

        CheckNulBytes(text, fileName);
        CheckUtf8(text, isWholeFile, fileName, bom);
        return bom;
    }

    private static void CheckNulBytes(ReadOnlySpan<byte> text, string fileName)
    {
        var first = text.IndexOf((byte)0);
        if (first < 0) return;
        int even = 0, odd = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == 0) { if (i % 2 == 0) even++; else odd++; }
        // ASCII text in UTF-16 has a NUL in (nearly) every other byte: at odd offsets in LE, at even ones in BE.
        var pairs = text.Length / 2;
        if (odd * 4 >= pairs * 3 && even * 4 < pairs) throw Refuse(fileName, "UTF-16 LE (without a byte order mark)");
        if (even * 4 >= pairs * 3 && odd * 4 < pairs) throw Refuse(fileName, "UTF-16 BE (without a byte order mark)");
        throw new ImportException(fileName, $"is binary data, not text: a NUL byte at offset {first} (a CSV file is UTF-8 text)");
    }

    private static void CheckUtf8(ReadOnlySpan<byte> text, bool isWholeFile, string fileName, int bom)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(text, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: isWholeFile);
            if (status == System.Buffers.OperationStatus.InvalidData)
                throw new ImportException(fileName,
                    $"is not UTF-8 (byte 0x{text[read]:X2} at offset {bom + read} starts no UTF-8 character; an ANSI or Windows-1252 file looks like this): {ReSave}");
        }
        finally { ArrayPool<char>.Shared.Return(chars); }
    }

    private static ImportException Refuse(string fileName, string encoding) =>
        new(fileName, $"is encoded as {encoding}; {ReSave}");
}

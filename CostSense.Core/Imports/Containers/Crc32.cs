namespace CostSense.Core.Imports.Containers;

/// <summary>The CRC-32 that gzip's trailer carries (IEEE 802.3, reflected polynomial 0xEDB88320).</summary>
internal struct Crc32
{
    private static readonly uint[] Table = BuildTable();
    private uint _crc;

    public Crc32() => _crc = 0xFFFFFFFFu;

    public readonly uint Value => ~_crc;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _crc = crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}

using System.ComponentModel.DataAnnotations;
using CostSense.Core.Imports;

namespace CostSense.Tests.Imports;

public sealed class ImportOptionsTests
{
    [Fact]
    public void Default_Is20GiB_AndValid()
    {
        var options = new ImportOptions();
        Assert.Equal(20L * 1024 * 1024 * 1024, options.MaxDecompressedBytes);
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void NoRoomToDecompress_IsInvalid(long max)
    {
        var options = new ImportOptions { MaxDecompressedBytes = max };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(nameof(ImportOptions.MaxDecompressedBytes), Assert.Single(results).MemberNames);
    }
}

using Lake.Transform.Conversion;

namespace Lake.Transform.Tests;

/// <summary>What is decided over the whole file: thresholds, row counts, the header, the CSV's shape, and where a row is.</summary>
[Trait("Category", "Unit")]
public sealed class FileRulesTests : IDisposable
{
    private readonly Conversions _conversions = new();

    [Fact]
    public async Task ARuleWhoseThresholdTheFileMeetsKeepsItsFailingRowsValid()
    {
        var contract = Things.Contract("ColumnValues \"size\" > 0 with threshold > 0.5");
        var met = _conversions.File("met.csv", $"{Things.Header}\na,1,,,,,,\nb,2,,,,,,\nc,-1,,,,,,\n");
        var missed = _conversions.File("missed.csv", $"{Things.Header}\na,1,,,,,,\nb,-2,,,,,,\nc,-1,,,,,,\n");

        var kept = await _conversions.RunAsync(contract, met);
        var quarantined = await _conversions.RunAsync(contract, missed);

        Assert.Equal((3, 0), (kept.RowsValid, kept.RowsQuarantined));
        Assert.Equal((1, 2), (quarantined.RowsValid, quarantined.RowsQuarantined));
        Assert.Equal([(3L, "ColumnValues \"size\" > 0 with threshold > 0.5"), (4L, "ColumnValues \"size\" > 0 with threshold > 0.5")],
            await Conversions.QuarantinedRulesAsync(quarantined));
    }

    [Fact]
    public async Task AFileThatBreaksRowCountIsQuarantinedWhole()
    {
        var csv = _conversions.File("short.csv", $"{Things.Header}\na,1,,,,,,\nb,x,,,,,,\n");

        var result = await _conversions.RunAsync(Things.Contract("RowCount > 3"), csv);

        Assert.Equal((2, 0, 2), (result.RowsIn, result.RowsValid, result.RowsQuarantined));
        Assert.Empty(result.Partitions);
        Assert.Equal([(2L, "RowCount > 3"), (3L, "type"), (3L, "RowCount > 3")], await Conversions.QuarantinedRulesAsync(result));
    }

    [Fact]
    public async Task LineNumbersCountTheLineBreaksInsideQuotedFields()
    {
        var csv = _conversions.File("multiline.csv", $"{Things.Header}\na,1,\"re\nd\",,,,,\n\"b\nb\nb\",2,\"x\ny\",,,,,\nc,oops,,,,,,\nd,4,,,,,,\n");

        var result = await _conversions.RunAsync(Things.Contract("IsComplete \"id\""), csv);

        Assert.Equal([(8L, "type")], await Conversions.QuarantinedRulesAsync(result));
        Assert.Equal(3, result.RowsValid);
    }

    [Fact]
    public async Task AHeaderThatIsNotTheContractsIsRefused()
    {
        var csv = _conversions.File("renamed.csv", $"{Things.Header.Replace("size", "sz", StringComparison.Ordinal)}\na,1,,,,,,\n");

        var refused = await Assert.ThrowsAsync<ConversionRefusedException>(() => _conversions.RunAsync(Things.Contract("IsComplete \"id\""), csv));

        Assert.Contains($"expects '{Things.Header}'", refused.Message);
        Assert.Contains("id,sz,colour", refused.Message);
    }

    [Fact]
    public async Task ARecordWithMissingFieldsIsRefusedWithItsLine()
    {
        var csv = _conversions.File("short-record.csv", $"{Things.Header}\na,1,,,,,,\nb,2\n");

        var refused = await Assert.ThrowsAsync<ConversionRefusedException>(() => _conversions.RunAsync(Things.Contract("IsComplete \"id\""), csv));

        Assert.Contains("Line: 3", refused.Message);
        Assert.DoesNotContain("Possible fixes", refused.Message);
    }

    [Fact]
    public async Task AnUnpartitionedDatasetIsWrittenAsOneFileAtTheTableRoot()
    {
        var csv = _conversions.File("things.csv", $"{Things.Header}\na,1,,,,,,\nb,2,,,,,,\n");

        var result = await _conversions.RunAsync(Things.Contract("IsComplete \"id\""), csv);

        var partition = Assert.Single(result.Partitions);
        Assert.Empty(partition.Values);
        Assert.Equal(["part-test-0.parquet"], partition.Files);
    }

    [Fact]
    public async Task ADeclaredPrimaryKeyIsUniqueEvenWithoutARule()
    {
        var csv = _conversions.File("things.csv", $"{Things.Header}\na,1,,,,,,\nb,2,,,,,,\na,3,,,,,,\n");

        var result = await _conversions.RunAsync(Things.Contract("IsComplete \"id\"", "primaryKey: [id]"), csv);

        Assert.Equal([(4L, "IsPrimaryKey \"id\"")], await Conversions.QuarantinedRulesAsync(result));
    }

    [Fact]
    public async Task IsUniqueIgnoresEmptyValuesAndKeepsTheFirstOfARepeatedOne()
    {
        var csv = _conversions.File("things.csv", $"{Things.Header}\na,,red,,,,,\nb,,,,,,,\nc,,red,,,,,\nd,,,,,,,\n");

        var result = await _conversions.RunAsync(Things.Contract("IsUnique \"colour\""), csv);

        Assert.Equal([(4L, "IsUnique \"colour\"")], await Conversions.QuarantinedRulesAsync(result));
        Assert.Equal(["colour string"], (await ParquetFiles.ReadAsync(result.KeyFile!)).Columns);
    }

    public void Dispose() => _conversions.Dispose();
}

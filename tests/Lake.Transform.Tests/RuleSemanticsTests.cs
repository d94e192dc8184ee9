
namespace Lake.Transform.Tests;

/// <summary>What each DQDL rule and each contract type accepts, one row at a time, as contracts/README.md and AWS Glue's DQDL say.</summary>
[Trait("Category", "Unit")]
public sealed class RuleSemanticsTests : IDisposable
{
    private readonly Conversions _conversions = new();

    [Theory]
    [InlineData("ColumnValues \"size\" > 0", "size", "", false)]
    [InlineData("ColumnValues \"size\" > 0", "size", "1", true)]
    [InlineData("ColumnValues \"size\" != 13", "size", "", true)]
    [InlineData("ColumnValues \"size\" != 13", "size", "13", false)]
    [InlineData("ColumnValues \"colour\" in [\"red\"]", "colour", "", false)]
    [InlineData("ColumnValues \"colour\" in [\"red\", NULL]", "colour", "", true)]
    [InlineData("ColumnValues \"colour\" not in [\"black\"]", "colour", "", true)]
    [InlineData("ColumnValues \"colour\" not in [\"black\", NULL]", "colour", "", false)]
    [InlineData("ColumnValues \"colour\" not in [\"black\"]", "colour", "black", false)]
    [InlineData("ColumnValues \"colour\" = NULL", "colour", "", true)]
    [InlineData("ColumnValues \"colour\" = NULL", "colour", "red", false)]
    [InlineData("ColumnValues \"colour\" matches \"r.d\"", "colour", "red", true)]
    [InlineData("ColumnValues \"colour\" matches \"r.d\"", "colour", "reddish", false)]
    [InlineData("ColumnLength \"colour\" < 6", "colour", "", true)]
    [InlineData("ColumnLength \"colour\" > 4", "colour", "", false)]
    [InlineData("ColumnLength \"colour\" between 2 and 3", "colour", "héé", true)]
    [InlineData("ColumnValues \"seen\" between \"2024-01-01\" and \"2024-12-31\"", "seen", "2024-06-01", true)]
    [InlineData("ColumnValues \"seen\" between \"2024-01-01\" and \"2024-12-31\"", "seen", "2025-01-01", false)]
    [InlineData("ColumnValues \"at\" >= \"2024-01-01T00:00:00\"", "at", "2024-01-01T00:30:00", true)]
    [InlineData("ColumnValues \"at\" >= \"2024-01-01T00:00:00\"", "at", "2024-01-01T01:00:00+02:00", false)]
    [InlineData("ColumnValues \"ok\" = true", "ok", "TRUE", true)]
    [InlineData("ColumnValues \"ok\" = true", "ok", "false", false)]
    [InlineData("ColumnValues \"price\" <= 10.5", "price", "10.50", true)]
    [InlineData("ColumnValues \"price\" <= 10.5", "price", "10.51", false)]
    [InlineData("ColumnExpression \"price * 2\" between 0 and 1", "price", "0.50", true)]
    [InlineData("ColumnExpression \"price * 2\" between 0 and 1", "price", "", false)]
    [InlineData("ColumnExpression \"1 / price\" < 100", "price", "0.00", false)]
    [InlineData("IsComplete \"colour\"", "colour", "", false)]
    public async Task ARowPassesOrBreaksARuleAsDqdlSays(string rule, string column, string value, bool passes)
    {
        var csv = _conversions.File("things.csv", $"{Things.Header}\n{Things.Row(column, value)}\n");

        var result = await _conversions.RunAsync(Things.Contract(rule), csv);

        Assert.Equal(passes ? 0 : 1, result.RowsQuarantined);
        if (!passes)
        {
            Assert.Equal([(2L, rule)], await Conversions.QuarantinedRulesAsync(result));
        }
    }

    [Theory]
    [InlineData("size", "5.0")]
    [InlineData("size", " 5")]
    [InlineData("size", "2147483648")]
    [InlineData("size", "0x10")]
    [InlineData("price", "1.005")]
    [InlineData("price", "1e2")]
    [InlineData("price", "12345.00")]
    [InlineData("seen", "2024-1-05")]
    [InlineData("seen", "2024-02-30")]
    [InlineData("seen", "2024-01-05 10:00")]
    [InlineData("at", "yesterday")]
    [InlineData("ok", "yes")]
    [InlineData("ratio", "abc")]
    public async Task AValueThatIsNotOfItsColumnsTypeBreaksRuleType(string column, string value)
    {
        var csv = _conversions.File("things.csv", $"{Things.Header}\n{Things.Row(column, value)}\n");

        var result = await _conversions.RunAsync(Things.Contract($"ColumnValues \"{column}\" != NULL"), csv);

        // Reported once, as 'type' with the column and its text, not again by the rule that reads the column.
        Assert.Equal([(2L, "type")], await Conversions.QuarantinedRulesAsync(result));
        var error = (string)((List<object?>)Assert.Single((await ParquetFiles.ReadAsync(result.QuarantineFile!)).Rows)["type_errors"]!)[0]!;
        Assert.StartsWith($"{column}: '{value}' is not a", error);
    }

    [Theory]
    [InlineData("size", "-12", "-12")]
    [InlineData("price", "+0.5", "0.50")]
    [InlineData("seen", "2024-02-29", "2024-02-29")]
    [InlineData("at", "2024-01-01T01:00:00+02:00", "2023-12-31 23:00:00")]
    [InlineData("at", "2024-01-01 01:00:00.25", "2024-01-01 01:00:00.25")]
    [InlineData("ok", "False", "false")]
    [InlineData("ratio", "-1.5e3", "-1500.0")]
    public async Task AValueOfItsColumnsTypeIsCuratedTyped(string column, string value, string stored)
    {
        var csv = _conversions.File("things.csv", $"{Things.Header}\n{Things.Row(column, value)}\n");

        var contract = Things.Contract("IsComplete \"id\"");

        var result = await _conversions.RunAsync(contract, csv);

        Assert.Equal(1, result.RowsValid);
        var curated = Path.Combine(result.CuratedDirectory, Assert.Single(Assert.Single(result.Partitions).Files));
        var expected = ContractValues.Typed(stored, contract.FindColumn(column)!.Type)!;
        var actual = Assert.Single((await ParquetFiles.ReadAsync(curated)).Rows)[column];
        Assert.IsType(expected.GetType(), actual);
        Assert.Equal(expected, actual);
    }

    public void Dispose() => _conversions.Dispose();
}

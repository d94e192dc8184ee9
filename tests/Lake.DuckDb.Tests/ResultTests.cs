namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ResultTests : InMemoryDatabase
{
    [Fact]
    public async Task ColumnsAreDescribedWithDuckDbsSqlTypeNames()
    {
        await using var reader = await Connection.ExecuteReaderAsync("""
            SELECT 1 AS i, 2::BIGINT AS b, 3::UTINYINT AS u, 4::HUGEINT AS h, 5::UHUGEINT AS uh, 1.5::DOUBLE AS d, 12.50::DECIMAL(12,2) AS money,
                   'x' AS s, 'ab'::BLOB AS blob, DATE '2024-06-01' AS day, TIMESTAMP '2024-06-01 12:00' AS at, TIMESTAMPTZ '2024-06-01 12:00:00+00' AS instant,
                   true AS flag, TIME '12:00' AS clock, INTERVAL 1 DAY AS gap, [1, 2] AS items, {'a': 1} AS pair, uuid() AS id
            """);

        var columns = DuckDbColumn.Describe(reader);

        Assert.Equal(
            ["i INTEGER", "b BIGINT", "u UTINYINT", "h HUGEINT", "uh UHUGEINT", "d DOUBLE", "money DECIMAL(12,2)", "s VARCHAR", "blob BLOB", "day DATE",
             "at TIMESTAMP", "instant TIMESTAMP WITH TIME ZONE", "flag BOOLEAN", "clock TIME", "gap INTERVAL", "items LIST", "pair STRUCT", "id UUID"],
            columns.Select(c => $"{c.Name} {c.TypeName}"));
        Assert.Equal(["clock", "gap", "items", "pair", "id"], columns.Where(c => !c.IsReadable).Select(c => c.Name));
    }

    public static TheoryData<string, object> Values => new()
    {
        { "TIMESTAMP '2024-02-29 13:45:56.123456'", new DateTime(2024, 2, 29, 13, 45, 56, 123, 456, DateTimeKind.Utc) },
        { "TIMESTAMP '1969-12-31 23:59:59.999999'", new DateTime(1969, 12, 31, 23, 59, 59, 999, 999, DateTimeKind.Utc) },
        { "TIMESTAMPTZ '2024-06-01 12:00:00+02'", new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc) },
        { "DATE '2024-02-29'", new DateOnly(2024, 2, 29) },
        { "'\\xDE\\xAD\\xBE\\xEF'::BLOB", new byte[] { 0xDE, 0xAD, 0xBE, 0xEF } },
        { "'-170141183460469231731687303715884105728'::HUGEINT", Int128.MinValue },
        { "'340282366920938463463374607431768211455'::UHUGEINT", UInt128.MaxValue },
        { "'-1234567890123456789.0123456789'::DECIMAL(38,10)", -1234567890123456789.0123456789m },
        { "'79228162514264337593543950335'::DECIMAL(38,0)", decimal.MaxValue },
        { "'12.50'::DECIMAL(20,2)", 12.50m },
        { "'-12345678901234567890123456789.12345'::DECIMAL(38,5)", "-12345678901234567890123456789.12345" },
        { "'99999999999999999999999999999.0'::DECIMAL(38,1)", "99999999999999999999999999999.0" },
        { "'0.00000000000000000000000000000000000001'::DECIMAL(38,38)", "0.00000000000000000000000000000000000001" },
        { "'infinity'::DATE", "infinity" },
        { "'-infinity'::DATE", "-infinity" },
        { "DATE '5877642-06-25'", "5877642-06-25" },
        { "'-infinity'::TIMESTAMP", "-infinity" },
        { "'infinity'::TIMESTAMPTZ", "infinity" },
        { "TIMESTAMP '290000-01-01 12:30:45.25'", "290000-01-01T12:30:45.25" },
        { "'Zürich → 東京 🦆'", "Zürich → 東京 🦆" },
        { "9007199254740993::BIGINT", 9007199254740993L },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task ValuesReadBackAsLakeHandsThemOn(string literal, object expected)
    {
        await using var reader = await Connection.ExecuteReaderAsync($"SELECT {literal} AS v, NULL AS n");

        Assert.True(reader.Read());
        var value = reader.GetLakeValue(0);
        Assert.IsType(expected.GetType(), value);
        Assert.Equal(expected, value);
        Assert.Equal((expected as DateTime?)?.Kind, (value as DateTime?)?.Kind);
        Assert.Null(reader.GetLakeValue(1));
    }

    [Fact]
    public async Task TimestampsReadAsUtc()
    {
        await using var reader = await Connection.ExecuteReaderAsync("SELECT TIMESTAMP '2024-06-01 08:00:00'");

        Assert.True(reader.Read());
        Assert.Equal(DateTimeKind.Unspecified, reader.GetDateTime(0).Kind); // DuckDB.NET's own
        Assert.Equal(new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Utc), reader.GetUtcDateTime(0));
        Assert.Equal(DateTimeKind.Utc, reader.GetUtcDateTime(0).Kind);
    }

    [Fact]
    public async Task AScalarIsConvertedAndNullOrNoRowIsDefault()
    {
        Assert.Equal(10, await Connection.ExecuteScalarAsync<int>("SELECT count(*) FROM range(10)"));
        Assert.Equal("duck", await Connection.ExecuteScalarAsync<string>("SELECT 'duck'"));
        Assert.Null(await Connection.ExecuteScalarAsync<int?>("SELECT NULL::INTEGER"));
        Assert.Null(await Connection.ExecuteScalarAsync<string>("SELECT 'x' WHERE false"));
    }

    [Fact]
    public async Task SqlTextQuotesNamesAndValuesSoDuckDbReadsThemBack()
    {
        const string Name = "odd \"name\"";
        const string Value = "it's 'quoted'";

        var read = await Connection.ExecuteScalarAsync<string>($"SELECT {SqlText.Identifier(Name)} FROM (SELECT {SqlText.Literal(Value)} AS {SqlText.Identifier(Name)})");

        Assert.Equal(Value, read);
        Assert.Equal("['a/b.parquet', 'c''d.parquet']", SqlText.PathList(["a\\b.parquet", "c'd.parquet"]));
    }
}

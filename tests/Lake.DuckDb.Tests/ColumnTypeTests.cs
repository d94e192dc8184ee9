namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ColumnTypeTests : InMemoryDatabase
{
    public static TheoryData<string, string, DuckDbType, object> Values => new()
    {
        { "BOOLEAN", "true", DuckDbType.Boolean, true },
        { "BOOLEAN", "false", DuckDbType.Boolean, false },
        { "TINYINT", "-128", DuckDbType.TinyInt, (sbyte)-128 },
        { "SMALLINT", "-32768", DuckDbType.SmallInt, (short)-32768 },
        { "INTEGER", "2147483647", DuckDbType.Integer, int.MaxValue },
        { "BIGINT", "-9223372036854775808", DuckDbType.BigInt, long.MinValue },
        { "HUGEINT", "-170141183460469231731687303715884105728", DuckDbType.HugeInt, Int128.MinValue },
        { "UTINYINT", "255", DuckDbType.UTinyInt, (byte)255 },
        { "USMALLINT", "65535", DuckDbType.USmallInt, (ushort)65535 },
        { "UINTEGER", "4294967295", DuckDbType.UInteger, uint.MaxValue },
        { "UBIGINT", "18446744073709551615", DuckDbType.UBigInt, ulong.MaxValue },
        { "UHUGEINT", "340282366920938463463374607431768211455", DuckDbType.UHugeInt, UInt128.MaxValue },
        { "FLOAT", "-1.5", DuckDbType.Float, -1.5f },
        { "DOUBLE", "2.718281828459045", DuckDbType.Double, 2.718281828459045 },
        { "DATE", "'2024-02-29'", DuckDbType.Date, new DateOnly(2024, 2, 29) },
        { "DATE", "'1969-12-31'", DuckDbType.Date, new DateOnly(1969, 12, 31) },
        { "TIMESTAMP", "'2024-02-29 13:45:56.123456'", DuckDbType.Timestamp, new DateTime(2024, 2, 29, 13, 45, 56, 123, 456, DateTimeKind.Utc) },
        { "TIMESTAMP", "'1969-12-31 23:59:59.999999'", DuckDbType.Timestamp, new DateTime(1969, 12, 31, 23, 59, 59, 999, 999, DateTimeKind.Utc) },
        { "VARCHAR", "''", DuckDbType.Varchar, "" },
        { "VARCHAR", "'twelve bytes'", DuckDbType.Varchar, "twelve bytes" },
        { "VARCHAR", "'thirteen byte'", DuckDbType.Varchar, "thirteen byte" },
        { "VARCHAR", "'naïve'", DuckDbType.Varchar, "naïve" },
        { "VARCHAR", "'Zürich → 東京 ✓ 🦆'", DuckDbType.Varchar, "Zürich → 東京 ✓ 🦆" },
        { "BLOB", "'\\xDE\\xAD\\xBE\\xEF'", DuckDbType.Blob, new byte[] { 0xDE, 0xAD, 0xBE, 0xEF } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void EverySupportedTypeReadsBackAsItsDotNetValue(string type, string literal, DuckDbType expectedType, object expected)
    {
        using var reader = Connection.Query($"SELECT CAST({literal} AS {type}) AS v, CAST(NULL AS {type}) AS n");

        Assert.True(reader.Read());
        Assert.Equal(expectedType, reader.GetColumnType(0));
        Assert.Equal(expectedType, reader.GetColumnType(1));
        Assert.False(reader.IsNull(0));
        Assert.Equal(expected, reader.GetValue(0));
        Assert.IsType(expected.GetType(), reader.GetValue(0));
        Assert.True(reader.IsNull(1));
        Assert.Null(reader.GetValue(1));
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("DECIMAL(4,2)", "12.34")]
    [InlineData("DECIMAL(4,2)", "-99.99")]
    [InlineData("DECIMAL(4,0)", "9999")]
    [InlineData("DECIMAL(9,4)", "12345.6789")]
    [InlineData("DECIMAL(9,4)", "-0.0001")]
    [InlineData("DECIMAL(18,6)", "123456789012.345678")]
    [InlineData("DECIMAL(18,6)", "-999999999999.999999")]
    [InlineData("DECIMAL(38,10)", "1234567890123456789.0123456789")]
    [InlineData("DECIMAL(38,10)", "-0.0000000001")]
    [InlineData("DECIMAL(38,0)", "-12345678901234567890123456789")]
    public void DecimalsOfEveryWidthReadBackExactly(string type, string literal)
    {
        var expected = decimal.Parse(literal, System.Globalization.CultureInfo.InvariantCulture);
        using var reader = Connection.Query($"SELECT CAST('{literal}' AS {type}), CAST(NULL AS {type})");

        Assert.True(reader.Read());
        Assert.Equal(DuckDbType.Decimal, reader.GetColumnType(0));
        Assert.Equal(expected, reader.GetDecimal(0));
        Assert.Equal(expected, reader.GetValue(0));
        Assert.Equal((double)expected, reader.GetDouble(0), 6);
        Assert.True(reader.IsNull(1));
    }

    [Fact]
    public void DecimalsBeyondSystemDecimalRangeThrowOverflow()
    {
        using var reader = Connection.Query("SELECT CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0))");

        Assert.True(reader.Read());
        var error = Assert.Throws<OverflowException>(() => reader.GetDecimal(0));
        Assert.Contains("System.Decimal", error.Message);
    }

    [Fact]
    public void LongStringsComeFromTheirPointerAndShortOnesFromTheInlineBytes()
    {
        var longText = string.Concat(Enumerable.Repeat("δuck-", 2000));
        using var reader = Connection.Query(
            "SELECT s FROM (VALUES (1, 'abc'), (2, repeat('δuck-', 2000)), (3, NULL), (4, 'exactly12chr'), (5, '13 characters')) t(i, s) ORDER BY i");

        var values = new List<string?>();
        while (reader.Read())
        {
            values.Add(reader.IsNull(0) ? null : reader.GetString(0));
        }

        Assert.Equal(["abc", longText, null, "exactly12chr", "13 characters"], values);
    }

    [Fact]
    public void TypedGettersWidenAndNarrowIntegersWhenTheValueFits()
    {
        using var reader = Connection.Query("SELECT 7::TINYINT, 3000000000::BIGINT, 42::HUGEINT, 5::INTEGER");

        Assert.True(reader.Read());
        Assert.Equal(7, reader.GetInt32(0));
        Assert.Equal(7L, reader.GetInt64(0));
        Assert.Equal(3_000_000_000L, reader.GetInt64(1));
        Assert.Throws<OverflowException>(() => reader.GetInt32(1));
        Assert.Equal(42L, reader.GetInt64(2));
        Assert.Equal(5m, reader.GetDecimal(3));
        Assert.Equal(5.0, reader.GetDouble(3));
    }

    [Fact]
    public void TypedGettersRefuseNullsAndOtherTypes()
    {
        using var reader = Connection.Query("SELECT NULL::INTEGER AS n, 'text' AS s, DATE '2024-01-01' AS d");

        Assert.True(reader.Read());
        Assert.Contains("'n' is NULL", Assert.Throws<InvalidCastException>(() => reader.GetInt32(0)).Message);
        Assert.Contains("VARCHAR", Assert.Throws<InvalidCastException>(() => reader.GetInt64(1)).Message);
        Assert.Throws<InvalidCastException>(() => reader.GetDateTime(2));
        Assert.Equal(new DateOnly(2024, 1, 1), reader.GetDate(2));
    }

    [Fact]
    public void TimestampsWithTimeZoneReadAsUtc()
    {
        Connection.Execute("SET TimeZone = 'UTC'");
        var value = Connection.ExecuteScalar<DateTime>("SELECT TIMESTAMPTZ '2024-06-01 12:00:00+02'");

        Assert.Equal(new DateTime(2024, 6, 1, 10, 0, 0, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Fact]
    public void UnsupportedTypesThrowNotSupportedNamingTheDuckDbType()
    {
        using var reader = Connection.Query("SELECT INTERVAL 1 DAY AS gap, [1, 2] AS items");

        Assert.True(reader.Read());
        Assert.Equal(DuckDbType.Interval, reader.GetColumnType(0));
        Assert.Equal(DuckDbType.List, reader.GetColumnType(1));
        Assert.Contains("INTERVAL", Assert.Throws<NotSupportedException>(() => reader.GetValue(0)).Message);
        Assert.Contains("LIST", Assert.Throws<NotSupportedException>(() => reader.GetString(1)).Message);
    }

    [Fact]
    public void ColumnsAreNamedAndFoundByName()
    {
        using var reader = Connection.Query("SELECT 1 AS id, 'x' AS \"Name\"");

        Assert.Equal(2, reader.FieldCount);
        Assert.Equal("id", reader.GetName(0));
        Assert.Equal("Name", reader.GetName(1));
        Assert.Equal(1, reader.GetOrdinal("name"));
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    [Fact]
    public void ExecuteScalarConvertsAndTreatsNullAndNoRowsAsDefault()
    {
        Assert.Equal(10, Connection.ExecuteScalar<int>("SELECT count(*) FROM range(10)"));
        Assert.Equal(45L, Connection.ExecuteScalar<long>("SELECT sum(range) FROM range(10)"));
        Assert.Equal("duck", Connection.ExecuteScalar<string>("SELECT 'duck'"));
        Assert.Null(Connection.ExecuteScalar<int?>("SELECT NULL::INTEGER"));
        Assert.Null(Connection.ExecuteScalar<string>("SELECT 'x' WHERE false"));
        Assert.Throws<InvalidCastException>(() => Connection.ExecuteScalar<int>("SELECT NULL::INTEGER"));
    }
}

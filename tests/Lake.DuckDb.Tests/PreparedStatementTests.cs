namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class PreparedStatementTests : InMemoryDatabase
{
    [Fact]
    public void IntegersRoundTripThroughPreparedParameters()
    {
        using var statement = Connection.Prepare("SELECT $1::INTEGER, $2::BIGINT, $3::INTEGER");
        statement.Bind(1, int.MinValue).Bind(2, long.MaxValue).BindNull(3);

        using var reader = statement.Query();

        Assert.True(reader.Read());
        Assert.Equal(int.MinValue, reader.GetInt32(0));
        Assert.Equal(long.MaxValue, reader.GetInt64(1));
        Assert.True(reader.IsNull(2));
    }

    [Fact]
    public void BooleansDoublesAndStringsRoundTripThroughPreparedParameters()
    {
        var longText = "a string longer than twelve bytes — with ünïcödé 🦆";
        using var statement = Connection.Prepare("SELECT ?, ?, ?, ?, ?");
        statement.Bind(1, true).Bind(2, -0.125).Bind(3, "short").Bind(4, longText).Bind(5, (string?)null);

        using var reader = statement.Query();

        Assert.True(reader.Read());
        Assert.True(reader.GetBoolean(0));
        Assert.Equal(-0.125, reader.GetDouble(1));
        Assert.Equal("short", reader.GetString(2));
        Assert.Equal(longText, reader.GetString(3));
        Assert.True(reader.IsNull(4));
    }

    [Theory]
    [InlineData("12.34", "DECIMAL(4,2)")]
    [InlineData("-12345.6789", "DECIMAL(9,4)")]
    [InlineData("123456789012.345678", "DECIMAL(18,6)")]
    [InlineData("-1234567890123456789.0123456789", "DECIMAL(38,10)")]
    [InlineData("79228162514264337593543950335", "DECIMAL(38,0)")]
    [InlineData("0.0000000000000000000000000001", "DECIMAL(38,28)")]
    [InlineData("0", "DECIMAL(4,2)")]
    public void DecimalsRoundTripThroughPreparedParameters(string text, string columnType)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Connection.Execute($"CREATE TABLE amounts (amount {columnType})");
        using (var insert = Connection.Prepare("INSERT INTO amounts VALUES ($1)"))
        {
            Assert.Equal(1, insert.Bind(1, value).Execute());
        }

        using var select = Connection.Prepare("SELECT amount, $1 FROM amounts");
        select.Bind(1, value);
        using var reader = select.Query();

        Assert.True(reader.Read());
        Assert.Equal(value, reader.GetDecimal(0));
        Assert.Equal(value, reader.GetDecimal(1));
    }

    [Fact]
    public void DatesAndTimestampsRoundTripThroughPreparedParameters()
    {
        var date = new DateOnly(1900, 3, 1);
        var timestamp = new DateTime(2031, 12, 31, 23, 59, 58, 765, 432, DateTimeKind.Utc);
        var beforeEpoch = new DateTime(1969, 7, 20, 20, 17, 40, 1, 2, DateTimeKind.Utc);
        using var statement = Connection.Prepare("SELECT $1, $2, $3, $4::DATE, $1 = DATE '1900-03-01', $2 = TIMESTAMP '2031-12-31 23:59:58.765432'");
        statement.Bind(1, date).Bind(2, timestamp).Bind(3, beforeEpoch).BindNull(4);

        using var reader = statement.Query();

        Assert.True(reader.Read());
        Assert.Equal(DuckDbType.Date, reader.GetColumnType(0));
        Assert.Equal(date, reader.GetDate(0));
        Assert.Equal(DuckDbType.Timestamp, reader.GetColumnType(1));
        Assert.Equal(timestamp, reader.GetDateTime(1));
        Assert.Equal(DateTimeKind.Utc, reader.GetDateTime(1).Kind);
        Assert.Equal(beforeEpoch, reader.GetDateTime(2));
        Assert.True(reader.IsNull(3));
        Assert.True(reader.GetBoolean(4));
        Assert.True(reader.GetBoolean(5));
    }

    [Fact]
    public void EveryTypeRoundTripsThroughATableWithNulls()
    {
        Connection.Execute("CREATE TABLE everything (b BOOLEAN, i INTEGER, l BIGINT, d DOUBLE, m DECIMAL(18,3), s VARCHAR, dt DATE, ts TIMESTAMP)");
        object?[] row = [true, 42, 1L << 40, 3.5, 1234.567m, "Grüße aus Köln, long enough", new DateOnly(2025, 1, 31), new DateTime(2025, 1, 31, 8, 0, 0, DateTimeKind.Utc)];
        using (var insert = Connection.Prepare("INSERT INTO everything VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
        {
            Assert.Equal(8, insert.ParameterCount);
            for (var i = 0; i < row.Length; i++)
            {
                insert.BindValue(i + 1, row[i]);
            }

            insert.Execute();
            for (var i = 0; i < row.Length; i++)
            {
                insert.BindValue(i + 1, null);
            }

            insert.Execute();
        }

        using var reader = Connection.Query("SELECT * FROM everything ORDER BY b NULLS LAST");

        Assert.True(reader.Read());
        Assert.Equal(row, Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        Assert.True(reader.Read());
        Assert.All(Enumerable.Range(0, reader.FieldCount), i => Assert.True(reader.IsNull(i)));
        Assert.False(reader.Read());
    }

    [Fact]
    public void AStatementRunsAgainWithNewBindings()
    {
        Connection.Execute("CREATE TABLE numbers (n INTEGER)");
        using var insert = Connection.Prepare("INSERT INTO numbers SELECT range FROM range($1)");

        Assert.Equal(3, insert.Bind(1, 3).Execute());
        Assert.Equal(5, insert.Bind(1, 5).Execute());
        Assert.Equal(8, Connection.ExecuteScalar<long>("SELECT count(*) FROM numbers"));
    }

    [Fact]
    public void ParameterIndicesAreOneBased()
    {
        using var statement = Connection.Prepare("SELECT $1::INTEGER");

        Assert.Throws<ArgumentOutOfRangeException>(() => statement.Bind(0, 1));
        var error = Assert.Throws<DuckDbException>(() => statement.Bind(2, 1));
        Assert.Contains("parameter 2", error.Message);
        Assert.Equal(7, statement.Bind(1, 7).ExecuteScalar<int>());
    }
}

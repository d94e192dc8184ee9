using System.Data;
using System.Globalization;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lake.DuckDb;

/// <summary>
/// A result column as Lake shows it: its name, its type as DuckDB's SQL spells it (<c>DECIMAL(12,2)</c>,
/// <c>VARCHAR</c>, <c>TIMESTAMP WITH TIME ZONE</c>; DuckDB.NET's <c>GetDataTypeName</c> gives its own enum names), and
/// whether <see cref="DuckDbValues.GetLakeValue"/> reads its values: BOOLEAN, the integers, FLOAT, DOUBLE, DECIMAL,
/// VARCHAR, BLOB, DATE, TIMESTAMP and TIMESTAMP WITH TIME ZONE. Nested and exotic types (LIST, STRUCT, MAP, INTERVAL,
/// TIME, UUID, ENUM, ...) are not: cast them in SQL, e.g. to VARCHAR.
/// </summary>
public sealed record DuckDbColumn(string Name, string TypeName, bool IsReadable)
{
    public static IReadOnlyList<DuckDbColumn> Describe(DuckDBDataReader reader)
    {
        using var schema = reader.GetSchemaTable();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i => Describe(reader, i, schema.Rows[i]))];
    }

    private static DuckDbColumn Describe(DuckDBDataReader reader, int ordinal, DataRow schema)
    {
        var type = Enum.Parse<DuckDBType>(reader.GetDataTypeName(ordinal));
        var name = type switch
        {
            DuckDBType.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({schema["NumericPrecision"]},{schema["NumericScale"]})"),
            DuckDBType.UnsignedTinyInt => "UTINYINT",
            DuckDBType.UnsignedSmallInt => "USMALLINT",
            DuckDBType.UnsignedInteger => "UINTEGER",
            DuckDBType.UnsignedBigInt => "UBIGINT",
            DuckDBType.UnsignedHugeInt => "UHUGEINT",
            DuckDBType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
            DuckDBType.TimeTz => "TIME WITH TIME ZONE",
            DuckDBType.TimestampS => "TIMESTAMP_S",
            DuckDBType.TimestampMs => "TIMESTAMP_MS",
            DuckDBType.TimestampNs => "TIMESTAMP_NS",
            DuckDBType.SqlNull => "NULL",
            _ => type.ToString().ToUpperInvariant(),
        };
        return new DuckDbColumn(reader.GetName(ordinal), name, IsReadableType(type));
    }

    private static bool IsReadableType(DuckDBType type) => type is DuckDBType.Boolean
        or DuckDBType.TinyInt or DuckDBType.SmallInt or DuckDBType.Integer or DuckDBType.BigInt or DuckDBType.HugeInt
        or DuckDBType.UnsignedTinyInt or DuckDBType.UnsignedSmallInt or DuckDBType.UnsignedInteger or DuckDBType.UnsignedBigInt or DuckDBType.UnsignedHugeInt
        or DuckDBType.Float or DuckDBType.Double or DuckDBType.Decimal
        or DuckDBType.Varchar or DuckDBType.Blob or DuckDBType.Date or DuckDBType.Timestamp or DuckDBType.TimestampTz
        or DuckDBType.SqlNull;
}

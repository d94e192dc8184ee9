namespace Lake.Aws.Glue;

/// <summary>A table or partition-key column: a name and a Hive type such as <c>string</c>, <c>bigint</c>, <c>decimal(10,2)</c>.</summary>
public sealed class Column
{
    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string? Comment { get; set; }
}

/// <summary>Where and how a table's or partition's data is stored.</summary>
public sealed class StorageDescriptor
{
    public List<Column> Columns { get; set; } = [];

    /// <summary>e.g. <c>s3://curated/orders/</c>.</summary>
    public string? Location { get; set; }

    public string? InputFormat { get; set; }

    public string? OutputFormat { get; set; }

    public SerDeInfo? SerdeInfo { get; set; }

    public bool Compressed { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
}

/// <summary>The serializer/deserializer that reads and writes the data.</summary>
public sealed class SerDeInfo
{
    public string? Name { get; set; }

    /// <summary>e.g. <c>org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe</c>.</summary>
    public string? SerializationLibrary { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
}

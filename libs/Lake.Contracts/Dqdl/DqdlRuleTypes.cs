namespace Lake.Contracts.Dqdl;

/// <summary>The rule types Lake reads, and the DQDL ones it knowingly does not.</summary>
public static class DqdlRuleTypes
{
    public const string IsComplete = nameof(IsComplete);
    public const string IsUnique = nameof(IsUnique);
    public const string IsPrimaryKey = nameof(IsPrimaryKey);
    public const string ColumnExists = nameof(ColumnExists);
    public const string ColumnValues = nameof(ColumnValues);
    public const string ColumnLength = nameof(ColumnLength);
    public const string RowCount = nameof(RowCount);

    /// <summary>Lake's extension (not in AWS Glue's DQDL).</summary>
    public const string ColumnExpression = nameof(ColumnExpression);

    public static IReadOnlyList<string> Supported { get; } =
        [IsComplete, IsUnique, IsPrimaryKey, ColumnValues, ColumnLength, ColumnExists, RowCount, ColumnExpression];

    /// <summary>DQDL rule types that exist in AWS Glue but that Lake does not evaluate.</summary>
    public static IReadOnlyList<string> Unsupported { get; } =
    [
        "AggregateMatch", "ColumnCorrelation", "ColumnCount", "ColumnDataType", "ColumnNamesMatchPattern", "Completeness",
        "CustomSql", "DataFreshness", "DatasetMatch", "DetectAnomalies", "DistinctValuesCount", "Entropy", "FileFreshness",
        "FileMatch", "FileSize", "FileUniqueness", "Mean", "ReferentialIntegrity", "RowCountMatch", "SchemaMatch",
        "StandardDeviation", "Sum", "Uniqueness", "UniqueValueRatio",
    ];
}

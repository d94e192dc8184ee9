namespace Lake.QueryService.Sandbox;

/// <summary>A result column: its name and DuckDB type (e.g. <c>DECIMAL(12,2)</c>).</summary>
public sealed record ResultColumn(string Name, string Type);

/// <summary>What a query returned, how long it took and what it read.</summary>
public sealed record QueryResult(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<object?[]> Rows, TimeSpan Elapsed, ScanStatistics Scanned);

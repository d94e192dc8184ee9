using Lake.Contracts;
using Lake.Contracts.Dqdl;
using Lake.DuckDb;

namespace Lake.Transform.Sql;

/// <summary>
/// A DQDL condition as a SQL predicate that is true when a value passes. As in DQDL, an empty value (NULL) fails
/// every condition except <c>!=</c> and <c>not in</c>, unless the condition names <c>NULL</c>; a NULL result
/// counts as a failure (callers wrap the predicate in <c>coalesce(..., false)</c>).
/// </summary>
public static class ConditionSql
{
    /// <param name="operand">The SQL of the value tested, e.g. <c>"quantity"</c>.</param>
    /// <param name="type">The operand's type: literals are written as values of it.</param>
    public static string Passes(DqdlCondition condition, string operand, ColumnType type) => condition switch
    {
        ComparisonCondition { Value.Kind: LiteralKind.Null, Operator: ComparisonOperator.Equal } => $"({operand} IS NULL)",
        ComparisonCondition { Value.Kind: LiteralKind.Null } => $"({operand} IS NOT NULL)",
        ComparisonCondition { Operator: ComparisonOperator.NotEqual } c => $"({operand} IS NULL OR {operand} <> {ColumnTyping.Literal(c.Value, type)})",
        ComparisonCondition c => $"({operand} {Operator(c.Operator)} {ColumnTyping.Literal(c.Value, type)})",
        BetweenCondition b => $"({operand} BETWEEN {ColumnTyping.Literal(b.Low, type)} AND {ColumnTyping.Literal(b.High, type)})",
        InCondition set => InSet(set, operand, type),
        MatchesCondition m => $"regexp_full_match({operand}, {SqlText.Literal(m.Pattern)})",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown DQDL condition"),
    };

    private static string InSet(InCondition set, string operand, ColumnType type)
    {
        var namesNull = set.Values.Any(v => v.Kind == LiteralKind.Null);
        var values = set.Values.Where(v => v.Kind != LiteralKind.Null).Select(v => ColumnTyping.Literal(v, type)).ToList();
        // list_contains, not IN: DuckDB turns a long IN list into a join, which costs more per row than a scan of a few values.
        var member = values.Count == 0 ? "FALSE" : $"list_contains([{string.Join(", ", values)}], {operand})";
        return (set.Negated, namesNull) switch
        {
            (false, false) => $"({member})",
            (false, true) => $"({operand} IS NULL OR {member})",
            (true, false) => $"({operand} IS NULL OR NOT ({member}))",
            (true, true) => $"({operand} IS NOT NULL AND NOT ({member}))",
        };
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison operator"),
    };
}

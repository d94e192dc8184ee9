using Lake.Contracts;
using Lake.Contracts.Dqdl;
using Lake.DuckDb;
using Lake.Transform.Sql;

namespace Lake.Transform.Rules;

/// <summary>
/// Compiles each DQDL rule to the checks the conversion runs. A visitor, so a new rule type cannot be forgotten:
/// it does not compile until it is handled here. Row predicates are SQL over the typed columns, with DQDL's null
/// semantics (<see cref="ConditionSql"/>); <c>ColumnLength</c> reads an empty value as length 0, as AWS Glue does.
/// </summary>
internal sealed class RuleCompiler(DatasetContract contract) : IDqdlRuleVisitor<IReadOnlyList<RuleCheck>>
{
    private static readonly ColumnType Length = new(ColumnKind.BigInt);
    private static readonly ColumnType Number = new(ColumnKind.Double);

    public IReadOnlyList<RuleCheck> Visit(IsCompleteRule rule) => [Complete(rule, [rule.Column])];

    public IReadOnlyList<RuleCheck> Visit(IsUniqueRule rule) => [new KeyCheck(rule, [rule.Column])];

    /// <summary>Complete and unique: the completeness part is a row check, the uniqueness part a key check.</summary>
    public IReadOnlyList<RuleCheck> Visit(IsPrimaryKeyRule rule) => [Complete(rule, rule.Columns), new KeyCheck(rule, rule.Columns)];

    // Decided by the header, which the conversion checks (against every declared column) before reading rows.
    public IReadOnlyList<RuleCheck> Visit(ColumnExistsRule rule) => [];

    public IReadOnlyList<RuleCheck> Visit(ColumnValuesRule rule) =>
        [new RowCheck(rule, ConditionSql.Passes(rule.Condition, SqlText.Identifier(rule.Column), Type(rule.Column)), [rule.Column], rule.Threshold)];

    public IReadOnlyList<RuleCheck> Visit(ColumnLengthRule rule) =>
        [new RowCheck(rule, ConditionSql.Passes(rule.Condition, $"coalesce(length({SqlText.Identifier(rule.Column)}), 0)", Length), [rule.Column], rule.Threshold)];

    public IReadOnlyList<RuleCheck> Visit(RowCountRule rule) => [new RowCountCheck(rule, rule.Condition)];

    public IReadOnlyList<RuleCheck> Visit(ColumnExpressionRule rule)
    {
        var columns = rule.Expression.ColumnReferences().Select(c => c.Name).Distinct().ToList();
        return [new RowCheck(rule, ConditionSql.Passes(rule.Condition, ExpressionSql.Of(rule.Expression), Number), columns, rule.Threshold)];
    }

    private static RowCheck Complete(DqdlRule rule, IReadOnlyList<string> columns) =>
        new(rule, $"({string.Join(" AND ", columns.Select(c => $"{SqlText.Identifier(c)} IS NOT NULL"))})", columns);

    private ColumnType Type(string column) =>
        (contract.FindColumn(column) ?? throw new ArgumentException($"the contract has no column '{column}'", nameof(column))).Type;
}

namespace Lake.Contracts.Dqdl;

/// <summary>Where a rule is decided, which tells the stage that enforces it.</summary>
public enum RuleScope
{
    /// <summary>Decided by the file's header alone (the validate function).</summary>
    Schema,

    /// <summary>Decided one row at a time: compiles to a per-row predicate; a failing row goes to quarantine.</summary>
    Row,

    /// <summary>Decided across rows (uniqueness, counts): needs the whole file or table.</summary>
    Dataset,
}

/// <summary>A column named by a rule, where it is named (for errors that point at it).</summary>
public readonly record struct ColumnMention(string Name, SourcePosition Position);

/// <summary>
/// One DQDL rule as written: the model below keeps the typed parts, <see cref="Text"/> the source text and
/// <see cref="Position"/> where it starts in the contract file. Switch on the subtype or use a visitor.
/// </summary>
public abstract record DqdlRule(string Text, SourcePosition Position)
{
    /// <summary>The rule type's DQDL name, e.g. <c>IsComplete</c>.</summary>
    public abstract string RuleType { get; }

    public abstract RuleScope Scope { get; }

    /// <summary>Every column the rule names, in order, with its position.</summary>
    public IReadOnlyList<ColumnMention> ColumnMentions { get; init; } = [];

    public abstract T Accept<T>(IDqdlRuleVisitor<T> visitor);

    public override string ToString() => Text;
}

/// <summary><c>IsComplete "col"</c>: no row has an empty value in the column.</summary>
public sealed record IsCompleteRule(string Column, string Text, SourcePosition Position) : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.IsComplete;
    public override RuleScope Scope => RuleScope.Row;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary><c>IsUnique "col"</c>: no value appears twice.</summary>
public sealed record IsUniqueRule(string Column, string Text, SourcePosition Position) : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.IsUnique;
    public override RuleScope Scope => RuleScope.Dataset;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary><c>IsPrimaryKey "a" ["b" ...]</c>: the columns are complete and their combination unique.</summary>
public sealed record IsPrimaryKeyRule(IReadOnlyList<string> Columns, string Text, SourcePosition Position) : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.IsPrimaryKey;
    public override RuleScope Scope => RuleScope.Dataset;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary><c>ColumnExists "col"</c>: the header has the column.</summary>
public sealed record ColumnExistsRule(string Column, string Text, SourcePosition Position) : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.ColumnExists;
    public override RuleScope Scope => RuleScope.Schema;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>
/// <c>ColumnValues "col" &lt;condition&gt; [with threshold &lt;condition&gt;]</c>: every value (or, with a
/// threshold, the given share of values) meets the condition. As in DQDL, an empty value fails every
/// condition except <c>!=</c> and <c>not in</c>, unless the condition names <c>NULL</c>.
/// </summary>
public sealed record ColumnValuesRule(string Column, DqdlCondition Condition, DqdlCondition? Threshold, string Text, SourcePosition Position)
    : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.ColumnValues;
    public override RuleScope Scope => RuleScope.Row;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary><c>ColumnLength "col" &lt;numeric condition&gt;</c>: the length in characters of every value.</summary>
public sealed record ColumnLengthRule(string Column, DqdlCondition Condition, DqdlCondition? Threshold, string Text, SourcePosition Position)
    : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.ColumnLength;
    public override RuleScope Scope => RuleScope.Row;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary><c>RowCount &lt;numeric condition&gt;</c>: the number of rows.</summary>
public sealed record RowCountRule(DqdlCondition Condition, string Text, SourcePosition Position) : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.RowCount;
    public override RuleScope Scope => RuleScope.Dataset;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>
/// Lake's extension to DQDL, <c>ColumnExpression "abs(total - quantity * unit_price)" &lt;= 0.01</c>: an
/// arithmetic expression over numeric columns, evaluated per row, meets a numeric condition. DQDL itself
/// can only say this with <c>CustomSql</c>, which Lake does not run.
/// </summary>
public sealed record ColumnExpressionRule(
    string ExpressionText, DqdlExpression Expression, DqdlCondition Condition, DqdlCondition? Threshold, string Text, SourcePosition Position)
    : DqdlRule(Text, Position)
{
    public override string RuleType => DqdlRuleTypes.ColumnExpression;
    public override RuleScope Scope => RuleScope.Row;
    public override T Accept<T>(IDqdlRuleVisitor<T> visitor) => visitor.Visit(this);
}

using Lake.Contracts.Dqdl;

namespace Lake.Transform.Rules;

/// <summary>What one DQDL rule asks of a file, in the form the conversion runs it.</summary>
/// <param name="Rule">The rule as written (its <see cref="DqdlRule.Text"/> is what the quarantine records).</param>
public abstract record RuleCheck(DqdlRule Rule);

/// <summary>A per-row test: <paramref name="Passes"/> is SQL over the typed columns, true when the row passes.</summary>
/// <param name="Columns">The columns it reads: a value that did not parse as its type is reported as <c>type</c>, not as this rule.</param>
/// <param name="Threshold">With <c>with threshold</c>: the share of rows that must pass; when it holds, the failing rows stay valid.</param>
public sealed record RowCheck(DqdlRule Rule, string Passes, IReadOnlyList<string> Columns, DqdlCondition? Threshold = null) : RuleCheck(Rule);

/// <summary><c>IsUnique</c>/<c>IsPrimaryKey</c>: no two rows of the table share the key, this file and earlier uploads alike.</summary>
public sealed record KeyCheck(DqdlRule Rule, IReadOnlyList<string> Columns) : RuleCheck(Rule);

/// <summary><c>RowCount</c>: the file's number of data rows meets the condition.</summary>
public sealed record RowCountCheck(DqdlRule Rule, DqdlCondition Condition) : RuleCheck(Rule);

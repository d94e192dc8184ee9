using Lake.Contracts;
using Lake.Contracts.Dqdl;
using Lake.Transform.Sql;

namespace Lake.Transform.Rules;

/// <summary>
/// Every check a contract asks of a file, in a fixed order: the contract's rules compiled by
/// <see cref="RuleCompiler"/>, plus what the contract's declarations imply — a <c>nullable: false</c> column is
/// checked as <c>IsComplete</c>, a declared <c>primaryKey</c> as <c>IsPrimaryKey</c> — when no rule says so already.
/// </summary>
public sealed class RulePlan
{
    private RulePlan(DatasetContract contract, List<RowCheck> rowChecks, List<KeyCheck> keyChecks, List<RowCountCheck> rowCountChecks)
    {
        Contract = contract;
        RowChecks = rowChecks;
        KeyChecks = keyChecks;
        RowCountChecks = rowCountChecks;
        ParsedColumns = [.. contract.Columns.Where(c => ColumnTyping.CanFail(c.Type))];
        KeyColumns = [.. contract.Columns.Where(c => keyChecks.Any(k => k.Columns.Contains(c.Name))).Select(c => c.Name)];
    }

    public DatasetContract Contract { get; }

    /// <summary>The columns whose text can fail to parse (all but strings): a failure is reported as rule <c>type</c>.</summary>
    public IReadOnlyList<ColumnDefinition> ParsedColumns { get; }

    public IReadOnlyList<RowCheck> RowChecks { get; }

    public IReadOnlyList<KeyCheck> KeyChecks { get; }

    public IReadOnlyList<RowCountCheck> RowCountChecks { get; }

    /// <summary>Every column some key check reads, in contract order: what an upload's key file holds.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    public static RulePlan For(DatasetContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var compiled = contract.Rules.SelectMany(rule => rule.Accept(new RuleCompiler(contract))).ToList();
        var checks = compiled.OfType<RowCheck>().ToList();

        var complete = checks.Where(c => c.Rule is IsCompleteRule).SelectMany(c => c.Columns).ToHashSet(StringComparer.Ordinal);
        var implied = contract.Columns.Where(c => !c.Nullable && !complete.Contains(c.Name))
            .Select(c => (RowCheck)new RuleCompiler(contract).Visit(new IsCompleteRule(c.Name, $"IsComplete \"{c.Name}\"", default))[0])
            .ToList();
        complete.UnionWith(implied.SelectMany(c => c.Columns));

        // IsPrimaryKey's completeness is already checked when IsComplete (written or implied) covers its columns.
        var rowChecks = implied.Concat(checks.Where(c => c.Rule is not IsPrimaryKeyRule || !c.Columns.All(complete.Contains))).ToList();

        var keyChecks = compiled.OfType<KeyCheck>().ToList();
        if (contract.PrimaryKey.Count > 0 && !keyChecks.Any(k => k.Columns.Order().SequenceEqual(contract.PrimaryKey.Order())))
        {
            var text = $"IsPrimaryKey {string.Join(' ', contract.PrimaryKey.Select(c => $"\"{c}\""))}";
            keyChecks.Insert(0, new KeyCheck(new IsPrimaryKeyRule(contract.PrimaryKey, text, default), contract.PrimaryKey));
        }

        return new RulePlan(contract, rowChecks, keyChecks, compiled.OfType<RowCountCheck>().ToList());
    }
}

namespace Lake.Contracts.Dqdl;

/// <summary>One method per rule type, so a compiler (to SQL, to a row check) cannot forget one.</summary>
public interface IDqdlRuleVisitor<out T>
{
    T Visit(IsCompleteRule rule);
    T Visit(IsUniqueRule rule);
    T Visit(IsPrimaryKeyRule rule);
    T Visit(ColumnExistsRule rule);
    T Visit(ColumnValuesRule rule);
    T Visit(ColumnLengthRule rule);
    T Visit(RowCountRule rule);
    T Visit(ColumnExpressionRule rule);
}

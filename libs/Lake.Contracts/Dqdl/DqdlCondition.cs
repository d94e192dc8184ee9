using System.Globalization;

namespace Lake.Contracts.Dqdl;

/// <summary>The comparison operators DQDL writes as <c>= != &gt; &gt;= &lt; &lt;=</c>.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

/// <summary>What a value (or a count, a length, a share) must satisfy; <see cref="Position"/> is its first token.</summary>
public abstract record DqdlCondition(SourcePosition Position);

/// <summary><c>&lt;op&gt; value</c>.</summary>
public sealed record ComparisonCondition(ComparisonOperator Operator, DqdlLiteral Value, SourcePosition Position) : DqdlCondition(Position);

/// <summary><c>between low and high</c>, both ends included.</summary>
public sealed record BetweenCondition(DqdlLiteral Low, DqdlLiteral High, SourcePosition Position) : DqdlCondition(Position);

/// <summary><c>in [a, b, ...]</c>, or <c>not in [...]</c> when <see cref="Negated"/>.</summary>
public sealed record InCondition(IReadOnlyList<DqdlLiteral> Values, bool Negated, SourcePosition Position) : DqdlCondition(Position);

/// <summary><c>matches "regex"</c>: the whole value matches.</summary>
public sealed record MatchesCondition(string Pattern, SourcePosition Position) : DqdlCondition(Position);

/// <summary>The kinds of literal: dates and timestamps are strings (<c>"2024-01-31"</c>), typed by their column.</summary>
public enum LiteralKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A literal as written: strings unescaped, numbers in invariant form (<c>-0.01</c>).</summary>
public sealed record DqdlLiteral(LiteralKind Kind, string Text, SourcePosition Position)
{
    /// <summary>The value of a number literal.</summary>
    public decimal Number => Kind == LiteralKind.Number
        ? decimal.Parse(Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"{Kind} literal {Text} is not a number");

    public override string ToString() => Kind == LiteralKind.String ? $"\"{Text}\"" : Text;
}

using static Lake.Contracts.Dqdl.DqdlRuleTypes;

namespace Lake.Contracts.Dqdl;

/// <summary>
/// A recursive-descent parser for Lake's subset of AWS Glue Data Quality's DQDL: a ruleset
/// <c>Rules = [ rule, rule, ... ]</c> whose rules are listed in <see cref="DqdlRuleTypes.Supported"/>.
/// It checks syntax and what a rule says on its own (a valid regex, a non-negative count); whether the
/// columns exist and have fitting types is <see cref="ContractLoader"/>'s business. Every error is a
/// <see cref="ContractException"/> at the offending token.
/// </summary>
public sealed partial class DqdlParser
{
    private readonly string _text;
    private readonly SourceMap _map;
    private readonly List<DqdlToken> _tokens;
    private int _p;

    private DqdlParser(string text, SourceMap map)
    {
        _text = text;
        _map = map;
        _tokens = new DqdlLexer(text, map).Tokenize();
    }

    /// <summary>Parses a DQDL ruleset.</summary>
    /// <param name="sourceName">The file named in errors.</param>
    /// <param name="firstLine">The file line of the text's first line, when the text is part of a file.</param>
    /// <param name="lineIndents">For each line of the text, the columns before it in the file (a YAML block's indentation).</param>
    public static IReadOnlyList<DqdlRule> Parse(string text, string sourceName = "<dqdl>", int firstLine = 1, IReadOnlyList<int>? lineIndents = null) =>
        new DqdlParser(text, new SourceMap(sourceName, text, firstLine, lineIndents)).ParseRuleset();

    private DqdlToken Current => _tokens[_p];

    private IReadOnlyList<DqdlRule> ParseRuleset()
    {
        if (!Current.IsWord("Rules"))
        {
            var hint = Current.IsWord("Metadata") || Current.IsWord("DataSources") ? " (DQDL's Metadata and DataSources sections are not supported)" : "";
            throw Error(Current, $"expected the ruleset 'Rules = [ ... ]', found {Current.Describe()}{hint}");
        }

        Advance();
        Expect(TokenKind.Equal, "'=' after 'Rules'");
        Expect(TokenKind.LeftBracket, "'[' to open the list of rules");
        var rules = new List<DqdlRule>();
        if (Current.Kind != TokenKind.RightBracket)
        {
            rules.Add(ParseRule());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                rules.Add(ParseRule());
            }
        }

        Expect(TokenKind.RightBracket, rules.Count == 0 ? "a rule or ']'" : "',' or ']' after a rule");
        Expect(TokenKind.End, "nothing after the closing ']'");
        return rules;
    }

    private DqdlRule ParseRule()
    {
        var head = Current;
        if (head.Kind == TokenKind.LeftParen)
        {
            throw Error(head, "composite rules '(A) and (B)', '(A) or (B)' are not supported: list the rules separately");
        }

        if (head.Kind != TokenKind.Identifier)
        {
            throw Error(head, $"expected a rule (one of {string.Join(", ", Supported)}), found {head.Describe()}");
        }

        Advance();
        var rule = ParseRuleBody(head, _map.PositionOf(head.Start));
        if (Current.IsWord("where"))
        {
            throw Error(Current, "'where' clauses are not supported");
        }

        return rule;
    }

    private DqdlRule ParseRuleBody(DqdlToken head, SourcePosition position)
    {
        var mentions = new List<ColumnMention>();
        switch (head.Value)
        {
            case IsComplete:
                var complete = Column(mentions);
                return new IsCompleteRule(complete, TextFrom(head), position) { ColumnMentions = mentions };
            case IsUnique:
                var unique = Column(mentions);
                return new IsUniqueRule(unique, TextFrom(head), position) { ColumnMentions = mentions };
            case ColumnExists:
                var exists = Column(mentions);
                return new ColumnExistsRule(exists, TextFrom(head), position) { ColumnMentions = mentions };
            case IsPrimaryKey:
                var keys = KeyColumns(mentions);
                return new IsPrimaryKeyRule(keys, TextFrom(head), position) { ColumnMentions = mentions };
            case ColumnValues:
                var valuesColumn = Column(mentions);
                var condition = ValueCondition();
                var valuesThreshold = Threshold();
                return new ColumnValuesRule(valuesColumn, condition, valuesThreshold, TextFrom(head), position) { ColumnMentions = mentions };
            case ColumnLength:
                var lengthColumn = Column(mentions);
                var length = NumericCondition("a length", wholeNumbers: true);
                var lengthThreshold = Threshold();
                return new ColumnLengthRule(lengthColumn, length, lengthThreshold, TextFrom(head), position) { ColumnMentions = mentions };
            case RowCount:
                var count = NumericCondition("a row count", wholeNumbers: true);
                return new RowCountRule(count, TextFrom(head), position);
            case ColumnExpression:
                var (source, expression) = Expression(mentions);
                var bound = NumericCondition("an expression", wholeNumbers: false);
                var expressionThreshold = Threshold();
                return new ColumnExpressionRule(source, expression, bound, expressionThreshold, TextFrom(head), position) { ColumnMentions = mentions };
            default:
                throw Error(head, Unsupported.Contains(head.Value)
                    ? $"rule '{head.Value}' is DQDL but Lake does not support it (supported: {string.Join(", ", Supported)})"
                    : $"unknown rule '{head.Value}' (expected one of {string.Join(", ", Supported)})");
        }
    }

    /// <summary>A rule's column argument: a double-quoted name.</summary>
    private string Column(List<ColumnMention> mentions)
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier)
        {
            throw Error(token, $"expected a column name in double quotes, found {token.Describe()} (write \"{token.Value}\")");
        }

        Expect(TokenKind.String, "a column name in double quotes");
        if (token.Value.Length == 0)
        {
            throw Error(token, "expected a column name, found an empty string");
        }

        mentions.Add(new ColumnMention(token.Value, _map.PositionOf(token.Start)));
        return token.Value;
    }

    /// <summary>IsPrimaryKey's one or more columns, each named once.</summary>
    private List<string> KeyColumns(List<ColumnMention> mentions)
    {
        var keys = new List<string> { Column(mentions) };
        while (Current.Kind == TokenKind.String)
        {
            var token = Current;
            var key = Column(mentions);
            keys.Add(keys.Contains(key) ? throw Error(token, $"column '{key}' is named twice in IsPrimaryKey") : key);
        }

        return keys;
    }

    /// <summary>ColumnExpression's quoted expression, parsed where it stands so its positions are the file's.</summary>
    private (string Source, DqdlExpression Expression) Expression(List<ColumnMention> mentions)
    {
        var source = Expect(TokenKind.String, "the expression in double quotes, e.g. \"abs(total - quantity * unit_price)\"");
        var expression = DqdlExpressionParser.Parse(_text, _map, source.Start + 1, source.End - 1);
        mentions.AddRange(expression.ColumnReferences().Select(c => new ColumnMention(c.Name, c.Position)));
        return (source.Value, expression);
    }

    /// <summary>The source text from the rule's first token to the last token read.</summary>
    private string TextFrom(DqdlToken head) => _text[head.Start.._tokens[_p - 1].End];

    private DqdlToken Advance() => _tokens[_p++];

    private DqdlToken Expect(TokenKind kind, string what) =>
        Current.Kind == kind ? Advance() : throw Error(Current, $"expected {what}, found {Current.Describe()}");

    private ContractException Error(DqdlToken token, string reason) => _map.Error(token.Start, reason);
}

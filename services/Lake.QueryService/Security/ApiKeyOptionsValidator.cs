using Microsoft.Extensions.Options;

namespace Lake.QueryService.Security;

/// <summary>Refuses a launch without a usable <c>Query:ApiKeys</c> entry, naming the key (never echoing its value).</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<QueryOptions>
{
    /// <summary>A key shorter than this could be guessed.</summary>
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, QueryOptions options)
    {
        var failures = Check(options.ApiKeys).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Check(List<string> keys)
    {
        const string S = QueryOptions.SectionName;
        if (keys.Count == 0)
        {
            yield return $"{S}:ApiKeys needs at least one key ({S}__ApiKeys__0): /v1 answers only requests carrying one in x-api-key.";
        }

        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length < MinimumKeyLength || keys[i].Any(char.IsWhiteSpace))
            {
                yield return $"{S}:ApiKeys:{i} must be at least {MinimumKeyLength} characters without white space (it has {keys[i].Length}).";
            }
        }
    }
}

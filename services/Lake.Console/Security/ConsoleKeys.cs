using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lake.Console.Security;

/// <summary>
/// The keys the console accepts (<c>Console:ApiKeys</c>). A presented key is compared with each by its SHA-256 in
/// constant time, so neither its content nor its length shows in the time an answer takes. A session remembers the
/// fingerprint of the key it logged in with: when that key is no longer configured, the session ends.
/// </summary>
internal sealed class ConsoleKeys(IOptions<ConsoleOptions> options)
{
    private readonly byte[][] _hashes = [.. options.Value.ApiKeys.Select(Hash)];

    /// <summary>The fingerprint of the configured key equal to <paramref name="presented"/>; null when none is.</summary>
    public string? Match(string presented)
    {
        var hash = Hash(presented);
        return IsConfigured(hash) ? Convert.ToHexStringLower(hash) : null;
    }

    /// <summary>Whether a session's fingerprint is still one of the configured keys'.</summary>
    public bool IsCurrent(string? fingerprint) =>
        fingerprint is { Length: 64 } && fingerprint.All(char.IsAsciiHexDigit) && IsConfigured(Convert.FromHexString(fingerprint));

    private bool IsConfigured(byte[] hash)
    {
        var matched = false;
        foreach (var known in _hashes)
        {
            // No early exit: every key is compared, whichever matches.
            matched |= CryptographicOperations.FixedTimeEquals(known, hash);
        }

        return matched;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

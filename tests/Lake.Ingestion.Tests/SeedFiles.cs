using Lake.SeedGenerator;
using Lake.Testing;

namespace Lake.Ingestion.Tests;

/// <summary>The repository's seed files, and the one too large to commit, made from its manifest entry.</summary>
internal static class SeedFiles
{
    public static string Valid => RepoPaths.OrdersSeed("valid");

    public static string Invalid => RepoPaths.OrdersSeed("invalid");

    public static SeedManifest Manifest { get; } = InvalidOrderFiles.ReadManifest(Invalid);

    /// <summary>The manifest's entries the validate function must reject, by file name.</summary>
    public static TheoryData<string> RejectedByValidation() => [.. Manifest.Files.Where(f => f.Level == "file").Select(f => f.File)];

    /// <summary>A path holding the file: the committed one, or one generated into a temp file (delete it after).</summary>
    public static string PathOf(InvalidSeedFile file)
    {
        if (file.Committed)
        {
            return Path.Combine(Invalid, file.File);
        }

        var spec = file.Generate ?? throw new InvalidOperationException($"{file.File} is neither committed nor generated.");
        var generator = new OrderFileGenerator(new OrderGeneratorOptions
        {
            Files = 1, Seed = spec.Seed, MinBytes = spec.MinBytes, StartDate = DateOnly.Parse(spec.StartDate), Months = spec.Months,
        });
        var path = Path.Combine(Path.GetTempPath(), $"{TestNames.Unique("seed")}-{file.File}");
        using var output = File.Create(path);
        generator.Write(generator.Files[0], output);
        return path;
    }
}

using System.CommandLine;
using System.Globalization;
using Lake.SeedGenerator;

var rows = new Option<long>("--rows") { Description = "Rows over all files", DefaultValueFactory = _ => 1000 };
var files = new Option<int?>("--files") { Description = "Number of files (default: one per month)" };
var errorRate = new Option<double>("--error-rate") { Description = "Share of rows (0..1) given one random defect", DefaultValueFactory = _ => 0 };
var seed = new Option<int>("--seed") { Description = "Same seed, same bytes", DefaultValueFactory = _ => 42 };
var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write into (created if missing)", Required = true };
var startDate = new Option<DateOnly>("--start-date") { Description = "First order date (yyyy-MM-dd)", DefaultValueFactory = _ => new DateOnly(2024, 1, 1) };
var months = new Option<int>("--months") { Description = "Months of orders from the start date", DefaultValueFactory = _ => 1 };
var minBytes = new Option<long?>("--min-bytes") { Description = "Grow the single file until it has at least this many bytes (ignores --rows)" };

var root = new RootCommand("Writes orders CSV files for the Lake's orders contract, deterministically.")
{
    rows, files, errorRate, seed, output, startDate, months, minBytes,
};
root.SetAction((parse, cancellationToken) =>
{
    var options = new OrderGeneratorOptions
    {
        Rows = parse.GetValue(rows),
        Files = parse.GetValue(files),
        ErrorRate = parse.GetValue(errorRate),
        Seed = parse.GetValue(seed),
        StartDate = parse.GetValue(startDate),
        Months = parse.GetValue(months),
        MinBytes = parse.GetValue(minBytes),
    };
    try
    {
        var generator = new OrderFileGenerator(options);
        var total = options.MinBytes is { } bytes ? bytes / 110 : options.Rows;
        var directory = parse.GetRequiredValue(output).FullName;
        var progress = new StderrProgress(total);
        var summaries = generator.WriteAll(directory, progress, cancellationToken);
        progress.Finish();
        foreach (var summary in summaries)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.Combine(directory, summary.FileName)}: {summary.Rows:N0} rows ({summary.BadRows:N0} with a defect), {summary.Bytes:N0} bytes"));
        }

        return Task.FromResult(0);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"lake-seed: {e.Message}");
        return Task.FromResult(2);
    }
});

var invalidOutput = new Option<DirectoryInfo>("--out") { Description = "Directory to write into", Required = true };
var invalid = new Command("invalid", "Writes the invalid orders files and their manifest.json") { invalidOutput };
invalid.SetAction(parse =>
{
    var manifest = InvalidOrderFiles.WriteAll(parse.GetRequiredValue(invalidOutput).FullName);
    Console.Error.WriteLine($"{manifest.Files.Count} invalid files described in {InvalidOrderFiles.ManifestName}");
});
root.Add(invalid);

return await root.Parse(args).InvokeAsync();

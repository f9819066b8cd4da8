using BenchmarkDotNet.Running;
using Casebook.Benchmarks;

// dotnet run -c Release --project tests/Casebook.Benchmarks -- corpus --cases N --out DIR
// dotnet run -c Release --project tests/Casebook.Benchmarks -- bench [BenchmarkDotNet arguments]
// dotnet run -c Release --project tests/Casebook.Benchmarks -- stages --source DIR   (one timed in-process build)
// dotnet run -c Release --project tests/Casebook.Benchmarks -- incremental --source DIR   (serve's rebuild after one case edit)
// dotnet run -c Release --project tests/Casebook.Benchmarks -- search-load --site DIR --query 見守り   (cold browser on /search/)
return args.FirstOrDefault() switch
{
    "corpus" => CorpusGenerator.Run(args[1..]),
    "bench" => RunBenchmarks(args[1..]),
    "stages" => StageTimer.Run(args[1..]),
    "layouts" => LayoutTimer.Run(args[1..]),
    "incremental" => IncrementalTimer.Run(args[1..]),
    "search-load" => Casebook.Benchmarks.SearchLoadTimer.Run(args[1..]),
    _ => Usage(),
};

static int RunBenchmarks(string[] rest)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(CaseStageBenchmarks).Assembly)
        .Run(rest.Length == 0 ? ["--filter", "*"] : rest);
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: corpus --cases N --out DIR | bench [--filter *] | stages --source DIR");
    return 2;
}

using BenchmarkDotNet.Running;
using Casebook.Benchmarks;

// dotnet run -c Release --project tests/Casebook.Benchmarks -- corpus --cases N --out DIR
// dotnet run -c Release --project tests/Casebook.Benchmarks -- bench [BenchmarkDotNet arguments]
// dotnet run -c Release --project tests/Casebook.Benchmarks -- stages --source DIR   (one timed in-process build)
// dotnet run -c Release --project tests/Casebook.Benchmarks -- incremental --source DIR   (serve's rebuild after one case edit)
// dotnet run -c Release --project tests/Casebook.Benchmarks -- serve-latency --source DIR [--rounds N]   (edit saved → page shows it, from outside)
// dotnet run -c Release --project tests/Casebook.Benchmarks -- page-sizes --site DIR   (largest pages of a built site against the size targets)
// dotnet run -c Release --project tests/Casebook.Benchmarks -- search-load --site DIR --query 見守り   (cold browser on /search/)
// dotnet run -c Release --project tests/Casebook.Benchmarks -- serve-site --site DIR [--port N]   (a built site on loopback, for scripts/lighthouse.sh)
return args.FirstOrDefault() switch
{
    "corpus" => CorpusGenerator.Run(args[1..]),
    "bench" => RunBenchmarks(args[1..]),
    "stages" => StageTimer.Run(args[1..]),
    "layouts" => LayoutTimer.Run(args[1..]),
    "incremental" => IncrementalTimer.Run(args[1..]),
    "serve-latency" => await ServeLatency.Run(args[1..]),
    "page-sizes" => PageSizes.Run(args[1..]),
    "search-load" => Casebook.Benchmarks.SearchLoadTimer.Run(args[1..]),
    "serve-site" => await ServeSite.Run(args[1..]),
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
    Console.Error.WriteLine("usage: corpus --cases N --out DIR | bench [--filter *] | stages --source DIR | layouts --source DIR | incremental --source DIR | serve-latency --source DIR | page-sizes --site DIR | search-load --site DIR | serve-site --site DIR");
    return 2;
}

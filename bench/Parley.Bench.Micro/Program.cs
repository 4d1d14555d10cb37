using BenchmarkDotNet.Running;
using Parley.Bench.Micro;

// Usage: dotnet run -c Release --project bench/Parley.Bench.Micro -- --filter '*' --job short
// (docs/PERFORMANCE.md, "Micro-benchmarks").
BenchmarkSwitcher.FromAssembly(typeof(FrameReaderBenchmarks).Assembly).Run(args);

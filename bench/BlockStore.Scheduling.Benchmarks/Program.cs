using BenchmarkDotNet.Running;
using BlockStore.Scheduling.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(PlacementBenchmarks).Assembly).Run(args);

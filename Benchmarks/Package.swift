// swift-tools-version: 6.1
import PackageDescription

// Kept apart from the root package so the main build and CI never compile the benchmark harness.
let package = Package(
    name: "QuoteCheckBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "QuoteCheck", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // libxml2's HTML parser alone: the floor the HTML loader is compared with.
        .systemLibrary(name: "CLibXML2Floor", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .executableTarget(
            name: "QuoteCheckBenchmarks",
            dependencies: [
                .product(name: "QuoteCheck", package: "QuoteCheck"),
                .product(name: "Benchmark", package: "benchmark"),
                "CLibXML2Floor",
            ],
            path: "Benchmarks/QuoteCheckBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

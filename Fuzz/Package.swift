// swift-tools-version: 6.0
// libFuzzer targets for QuoteCheck (docs/fuzzing.md). Built and run by Fuzz/run.sh, which links
// the package under test as `.root/QuoteCheck` (a path dependency takes its identity from the
// directory name, which differs between clones and worktrees).
import PackageDescription

let fuzzTargets = ["FuzzHTML", "FuzzExtract", "FuzzRules", "FuzzVerify", "FuzzJSONLines"]

let package = Package(
    name: "QuoteCheckFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: ".root/QuoteCheck")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "QuoteCheck", package: "QuoteCheck")]),
    ] + fuzzTargets.map { name in
        // libFuzzer supplies main(): the targets are compiled as libraries that export
        // LLVMFuzzerTestOneInput, and only they link libFuzzer (run.sh instruments every
        // module, build tools included, with ASan and coverage, which needs no main).
        .executableTarget(
            name: name, dependencies: ["FuzzSupport"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        )
    },
    swiftLanguageModes: [.v6]
)

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
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", .product(name: "QuoteCheck", package: "QuoteCheck")]),
    ] + fuzzTargets.map { name in
        // SwiftPM links an executable's entry point as `<Target>_main`: each target defines it
        // (-parse-as-library, no top-level code) and hands over to libFuzzer's driver. Only
        // these link libFuzzer (run.sh instruments every module, build tools included, with
        // ASan and coverage, which needs no main).
        .executableTarget(
            name: name, dependencies: ["FuzzSupport"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        )
    },
    swiftLanguageModes: [.v6]
)

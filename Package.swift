// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "QuoteCheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quotecheck", targets: ["quotecheck"]),
        .library(name: "QuoteCheck", targets: ["QuoteCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The system libxml2 (Debian: libxml2-dev). Only QuoteLoader imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Shared value types: text, scalar and byte ranges, the offset map.
        .target(name: "QuoteCheckText"),
        // Rule files (YAML) and their typed, validated form. Defaults are embedded at build time.
        .target(
            name: "QuoteRules",
            dependencies: ["QuoteCheckText", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedRules"]
        ),
        // Stage 1: plain-text and HTML loaders with exact offset maps, boilerplate marking.
        .target(name: "QuoteLoader", dependencies: ["QuoteCheckText", "QuoteRules", "CLibXML2"]),
        // The attribution pattern engine: tokens in, matches out (compiler, features, interpreter,
        // one file per pattern element with its documentation).
        .target(name: "QuotePatterns", dependencies: ["QuoteCheckText", "QuoteRules"]),
        // Stage 2: segmentation, direct, partial and reported speech.
        .target(name: "QuoteDetector", dependencies: ["QuoteCheckText", "QuoteRules", "QuotePatterns"]),
        // Stage 3: who said it.
        .target(name: "QuoteAttribution", dependencies: ["QuoteCheckText", "QuoteRules", "QuoteDetector"]),
        // Stage 4: claim records, ids, JSON Lines, verification.
        .target(
            name: "QuoteRecords",
            dependencies: ["QuoteCheckText", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The pipeline chaining the stages, evaluation, checking and reporting.
        .target(
            name: "QuoteCheck",
            dependencies: [
                "QuoteCheckText", "QuoteRules", "QuoteLoader", "QuotePatterns", "QuoteDetector", "QuoteAttribution", "QuoteRecords",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Reviewing: the terminal audit, the self-contained HTML report, review files, exports.
        .target(
            name: "QuoteReview",
            dependencies: [
                "QuoteCheck", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "quotecheck",
            dependencies: [
                "QuoteCheck", "QuotePatterns", "QuoteReview", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "EmbedRulesTool"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),
        .testTarget(
            name: "QuoteCheckTests",
            dependencies: ["QuoteCheck", "QuotePatterns", "QuoteReview"],
            resources: []
        ),
    ],
    swiftLanguageModes: [.v6]
)

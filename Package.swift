// swift-tools-version: 6.0
//
// calcbook: Markdown lessons with computed matrix calculus → a static HTML site.
//
// One target per stage of the pipeline, each depending only on the stages before it:
//
//   MatrixCalculus ← CellLanguage ← Lesson (Markdown, TeXMath, cells) ← Site ← Preview ← calcbook (CLI)
//
// Diagnostics is the shared vocabulary of problems (location, message, notes, fix-its)
// and its writers; it depends on nothing. MathMarkup is the MathML Core spelling (math
// alphabets, operator glyphs, spacing, fences) that the engine's writer and TeX's writer share,
// so that a symbol looks the same in prose and in computed output; it depends on nothing.
// Threads gives the preview threads of their own, off Swift concurrency's shared pool; it
// depends on nothing.
import PackageDescription

let package = Package(
    name: "calcbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "calcbook", targets: ["calcbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // Tests only: parses the CI workflow `calcbook init` writes, as GitHub Actions would.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libcmark-gfm from Debian (libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // glibc's mallopt and malloc_trim, which Swift's Glibc module leaves out (no link: libc).
        .systemLibrary(name: "CMalloc"),
        // jemalloc, the calcbook executable's allocator on Linux (Debian's libjemalloc-dev).
        .systemLibrary(name: "CJemalloc", providers: [.apt(["libjemalloc-dev"])]),
        .target(name: "Diagnostics"),
        .target(name: "MathMarkup"),
        .target(name: "Threads"),
        .target(
            name: "MatrixCalculus",
            dependencies: ["MathMarkup", .product(name: "BigInt", package: "BigInt")]
        ),
        .target(
            name: "CellLanguage",
            dependencies: [
                "MatrixCalculus",
                "Diagnostics",
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftOperators", package: "swift-syntax"),
                .product(name: "SwiftDiagnostics", package: "swift-syntax"),
                .product(name: "SwiftParserDiagnostics", package: "swift-syntax"),
            ]
        ),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        .target(name: "TeXMath", dependencies: ["Diagnostics", "MathMarkup"]),
        .target(
            name: "Lesson",
            dependencies: ["Markdown", "TeXMath", "CellLanguage", "MatrixCalculus", "Diagnostics"]
        ),
        .target(
            name: "Site",
            dependencies: [
                "Lesson", "CellLanguage", "Markdown", "Diagnostics", "CMalloc",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // `calcbook preview`: serves the output folder, rebuilds on change, reloads open pages.
        // Only FlyingFox's socket layer (FlyingSocks): its HTTP decoder reads headers in
        // quadratic time, so the request reader is preview's own (Sources/Preview/HTTP).
        .target(
            name: "Preview",
            dependencies: [
                "Site", "Diagnostics", "Threads",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "calcbook",
            dependencies: [
                "Site", "Preview", "Lesson", "CellLanguage", "MatrixCalculus", "Diagnostics",
                .target(name: "CJemalloc", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Parse-and-evaluate time of a typical cell: `swift run CellBenchmark` (not a test).
        .executableTarget(name: "CellBenchmark", dependencies: ["CellLanguage"], path: "Benchmarks/CellBenchmark"),
        // The engine beside SymPy on the same tasks, with ratios: `Benchmarks/engine/run` (not a test).
        // The engine's property suite at scale, in a release build of the engine alone (no
        // swift-syntax): `Benchmarks/properties/run N` (not a test).
        .executableTarget(name: "PropertyBenchmark", dependencies: ["MatrixCalculus", "EngineTestSupport"], path: "Benchmarks/properties", exclude: ["run"]),
        .executableTarget(name: "EngineBenchmark", dependencies: ["MatrixCalculus"], path: "Benchmarks/engine", exclude: ["run", "sympy_tasks.py"]),
        // Markdown parse + render against libcmark-gfm and the cmark-gfm command:
        // `swift run -c release MarkdownBenchmark` (not a test).
        .executableTarget(name: "MarkdownBenchmark", dependencies: ["Markdown"], path: "Benchmarks/MarkdownBenchmark"),
        // libFuzzer target for the Markdown layer (see the file for the command); replays inputs otherwise.
        .executableTarget(name: "MarkdownFuzzer", dependencies: ["Markdown"], path: "Fuzz/MarkdownFuzzer"),
        // libFuzzer targets for the cell language (parse, lower, evaluate, write under budgets) and
        // TeX → MathML; `Fuzz/run-fuzzers` runs them (not in CI); replays inputs otherwise.
        .executableTarget(name: "CellFuzzer", dependencies: ["CellLanguage"], path: "Fuzz/CellFuzzer"),
        .executableTarget(name: "TeXFuzzer", dependencies: ["TeXMath"], path: "Fuzz/TeXFuzzer"),

        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        // Holds Swift concurrency's shared pool, for tests of code that must go on without it.
        .target(name: "ThreadsTestSupport", path: "Tests/ThreadsTestSupport"),
        .testTarget(name: "ThreadsTests", dependencies: ["Threads", "ThreadsTestSupport"]),
        // Random expressions, the property runner and an independent numeric oracle, shared by
        // MatrixCalculusTests and PropertyBenchmark.
        .target(name: "EngineTestSupport", dependencies: ["MatrixCalculus"], path: "Tests/EngineTestSupport"),
        .testTarget(name: "MatrixCalculusTests", dependencies: ["MatrixCalculus", "EngineTestSupport"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "CellLanguageTests", dependencies: ["CellLanguage", "MatrixCalculus", "Diagnostics"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        // Prose math and engine output side by side: the same symbol must be the same markup.
        .testTarget(name: "MathMarkupTests", dependencies: ["MathMarkup", "TeXMath", "MatrixCalculus"]),
        .testTarget(name: "TeXMathTests", dependencies: ["TeXMath"], exclude: ["Fixtures"]),
        .testTarget(name: "LessonTests", dependencies: ["Lesson", "Markdown", "Diagnostics", "CellLanguage", "MatrixCalculus"], exclude: ["Fixtures", "Golden"]),
        .testTarget(
            name: "SiteTests",
            dependencies: ["Site", "Lesson", "CellLanguage", "Diagnostics", "MatrixCalculus", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Site", "Threads", "ThreadsTestSupport"]),
        .testTarget(name: "CalcbookTests", dependencies: ["calcbook", "Site", "Diagnostics"]),
    ],
    swiftLanguageModes: [.v6]
)

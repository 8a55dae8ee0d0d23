// swift-tools-version: 6.1
import PackageDescription

// Warnings are errors in our own targets; the C core is held to the same bar.
// Concrete generic types' metadata through accessor functions, not looked up by mangled name
// at run time: each such lookup checks the type's conformances (a Dictionary's key is
// Hashable) by scanning all 5,800 conformance records of the static binary, about 180,000
// instructions a type, some sixty types a start; 0.93 of a one-service `ttlc check`.
let strictSwift: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors", "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
]
// The front ends call back from C once per statement and byte; dynamic exclusivity checks on
// those paths cost a tenth of the parse. Debug builds (and so the tests) keep the checks.
let frontEndSettings: [SwiftSetting] = strictSwift + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]
let strictC: [CSetting] = [.unsafeFlags(["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"])]
// How the release ttlc is linked on Linux, for its start: most of a small build
// (docs/performance-history.md). `--no-export-dynamic` undoes the toolchain's `-export-dynamic`
// (9,700 exported symbols that every symbol lookup, and the runtime's `dladdr` at start, searched;
// nothing looks ours up by name); libstdc++ and libgcc come from their static archives
// (`Sources/ttlc/Link`): the shared libstdc++ made some 1,700 symbol bindings of its own at every
// start; relative relocations packed (DT_RELR, glibc 2.36). Linked by lld: gold failed on
// libstdc++'s SystemTap notes when the Swift libraries are shared (`swift build -c release`
// alone). `ttlc --version` 5.7 → about 3.7 ms in a quiet spell. Kept position-independent: a
// non-PIE binary starts 0.6–0.8 ms sooner still (no 84,600 relocations to apply), at the price of
// the executable's address randomisation, and `ttlc run` evaluates untrusted signals in this
// executable's C core. `Tests/ReleaseLink` holds each of these.
let startUpLinking: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xclang-linker", "-static-libgcc",
            "-L", Context.packageDirectory + "/Sources/ttlc/Link", "-use-ld=lld",
        ], .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "ttlc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ttlc", targets: ["ttlc"]),
        .library(name: "Ontology", targets: ["Ontology"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "Emitters", targets: ["Emitters"]),
        .library(name: "Runtime", targets: ["Runtime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 (the inventory, plans): BoringSSL compiled in, with the CPU's SHA extensions.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries from Debian, found through pkg-config.
        .systemLibrary(name: "CSerd", pkgConfig: "serd-0", providers: [.apt(["libserd-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CJansson", pkgConfig: "jansson", providers: [.apt(["libjansson-dev"])]),
        // libgit2's declarations only: CLazyLibraries loads the library when a command first
        // calls it (its header says why), so neither pkg-config's -l flags nor a link line.
        .systemLibrary(name: "CLibGit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),

        // The pipeline: Ontology → Planner → Emitters, with the CLI on top.
        .target(
            name: "Ontology", dependencies: ["CSerd", "CYAML"],
            resources: [.embedInCode("Resources/ttlc.ttl"), .embedInCode("Resources/shapes.ttl")], swiftSettings: frontEndSettings),
        .target(name: "CLazyLibraries", dependencies: ["CLibGit2"], cSettings: strictC),
        .target(name: "Planner", dependencies: ["Ontology", "CLibGit2", "CLazyLibraries", "CJansson", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictSwift),
        .target(name: "Emitters", dependencies: ["Planner", "Runtime"], exclude: ["BIRD/Data/SOURCES.md"], swiftSettings: strictSwift),
        .target(name: "CRuntime", dependencies: ["CSodium"], cSettings: strictC),
        // The JSON-lines event reader in C (libjansson): shared by `ttlc run`, the rules.c
        // differential test and its fuzz harness. Outside the core because jansson allocates.
        .target(name: "CEvents", dependencies: ["CRuntime", "CJansson"], cSettings: strictC),
        .target(name: "Runtime", dependencies: ["CRuntime", "CEvents", "CJansson", "CSodium", "Planner"], swiftSettings: strictSwift),
        // glibc's allocator settings for the command (mallopt is not in Swift's Glibc module).
        .target(name: "CAllocator", cSettings: strictC),
        .executableTarget(
            name: "ttlc",
            dependencies: [
                "Ontology", "Planner", "Emitters", "Runtime", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Link"],
            swiftSettings: strictSwift,
            linkerSettings: startUpLinking
        ),

        // Benchmarks print figures; they never assert timings.
        .executableTarget(
            name: "turtle-throughput",
            dependencies: ["Ontology"],
            path: "Benchmarks/TurtleThroughput",
            swiftSettings: strictSwift
        ),

        .executableTarget(
            name: "state-plan",
            dependencies: ["Planner", "Emitters"],
            path: "Benchmarks/StatePlan",
            swiftSettings: strictSwift
        ),

        // What several test targets share: the repository's root and golden-file comparisons.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSwift),
        .target(name: "EmitterTestSupport", dependencies: ["TestSupport", "Planner", "Emitters"], path: "Tests/EmitterTestSupport", swiftSettings: strictSwift),

        .testTarget(name: "OntologyTests", dependencies: ["Ontology", "TestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "EmittersTests", dependencies: ["Emitters", "Ontology"], swiftSettings: strictSwift),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "Ontology"], swiftSettings: strictSwift),
        // Whole builds: golden outputs, determinism, the YAML twin.
        .testTarget(name: "BuildTests", dependencies: ["Ontology", "Planner", "Emitters", "TestSupport", "EmitterTestSupport"], swiftSettings: strictSwift),
        // BIRD configs against real BIRD: bird -p, goldens, and sessions in network namespaces.
        .testTarget(name: "BIRDTests", dependencies: ["Ontology", "Planner", "Emitters", "TestSupport", "EmitterTestSupport"], swiftSettings: strictSwift),
        // Runs the built `ttlc` binary as a user would.
        .testTarget(name: "CLITests", dependencies: ["ttlc", "TestSupport", "CAllocator"], swiftSettings: strictSwift),
        // plan/apply against real git repositories, read back with the git CLI.
        .testTarget(name: "StateTests", dependencies: ["ttlc", "TestSupport"], swiftSettings: strictSwift),
    ]
)

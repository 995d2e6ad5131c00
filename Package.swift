// swift-tools-version:6.0
// CoFund: budget-allocation optimizer for Vietnam's poverty-reduction programme, on GLPK.
//
// Layers, arrows one way:
//   CGLPK (module map only) <- GLPK (the only importer of CGLPK)
//   LinearProgramming (solver-neutral LP values) <- GLPK
//   LinearProgramming <- CoFund (budget domain; never imports GLPK)
//   OutputFiles (the one safe way every file is written; libc only)
//   cofund (command line) wires the GLPK solver into the domain and writes through OutputFiles.
import PackageDescription

let package = Package(
    name: "CoFund",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cofund", targets: ["CoFundCLI"]),
        .library(name: "CoFund", targets: ["CoFund"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPK", targets: ["GLPK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // GLPK 5.0 on Debian ships no pkg-config file, so the module map links it by name.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        .target(name: "LinearProgramming"),
        .target(name: "OutputFiles"),
        .target(name: "GLPK", dependencies: ["CGLPK", "LinearProgramming"]),
        .target(
            name: "CoFund",
            dependencies: [
                "LinearProgramming", .product(name: "Yams", package: "Yams"), .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .executableTarget(
            name: "CoFundCLI",
            dependencies: [
                "CoFund", "GLPK", "LinearProgramming", "OutputFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "CoFundBenchmarks",
            dependencies: ["GLPK", "LinearProgramming", "GeneratedPlans"],
            path: "Benchmarks/CoFundBenchmarks"
        ),
        .target(name: "GeneratedPlans", path: "Benchmarks/GeneratedPlans"),
        .target(name: "BenchmarkSupport", path: "Benchmarks/Support"),
        .executableTarget(
            name: "CoFundScaleBenchmark",
            dependencies: ["CoFund", "GLPK", "LinearProgramming", "GeneratedPlans"],
            path: "Benchmarks/ScaleBenchmark"
        ),
        .executableTarget(
            name: "CoFundWhatIfBenchmark",
            dependencies: ["CoFund", "GLPK", "LinearProgramming", "GeneratedPlans", "BenchmarkSupport"],
            path: "Benchmarks/WhatIfBenchmark"
        ),
        .executableTarget(
            name: "CoFundDistributionBenchmark",
            dependencies: ["CoFund", "GLPK", "LinearProgramming", "GeneratedPlans", "BenchmarkSupport"],
            path: "Benchmarks/DistributionBenchmark"
        ),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "OutputFilesTests", dependencies: ["OutputFiles"]),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "LinearProgramming", "GeneratedPlans"]),
        .testTarget(name: "CoFundTests", dependencies: ["CoFund", "GLPK", "LinearProgramming", "GeneratedPlans"]),
        .testTarget(name: "CLITests", dependencies: ["CoFund", "CoFundCLI"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

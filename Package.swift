// swift-tools-version:6.2
// Headroom: predictive capacity planning for GPU inference fleets.
//
// The targets follow the data (docs/ARCHITECTURE.md):
//   traffic CSV ─► Traffic (parse, validate) ─► Store (SQLite) ─► Forecasting (OpenBLAS) ─► ...
// Pure stages (Vocabulary, Traffic, LinearAlgebra, Forecasting, ...) do no I/O; Store and
// Ingestion do the I/O around them; HeadroomCLI and the `headroom` executable sit at the edge.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Headroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "headroom", targets: ["headroom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // The service. Hummingbird's swift-configuration trait is off: its `Configuration`
        // module would clash with ours.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // KEDA's external scaler (gRPC); its Swift code is generated once and committed
        // (docs/KEDA-REGENERATE.md), so no protoc plugin is built here.
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
    ],
    targets: [
        // C: OpenBLAS (CBLAS + the Fortran LAPACK symbols, which Debian's libopenblas carries).
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // C: zlib, to read gzip traffic files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Pure: a column-major matrix and least squares over OpenBLAS.
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"], swiftSettings: swiftSettings),
        // Pure: the shared domain words, no dependencies: (model, region) and (region, GPU type)
        // keys, capacity types, workload classes, forecasting model kinds.
        .target(name: "Vocabulary", swiftSettings: swiftSettings),
        // Pure: traffic domain values, the CSV reader and validator, the demo traffic generator.
        .target(name: "Traffic", swiftSettings: swiftSettings),
        // Pure: seasonal forecasting models, backtests, calibrated quantiles.
        .target(name: "Forecasting", dependencies: ["LinearAlgebra", "Vocabulary"], swiftSettings: swiftSettings),
        // Pure: fleet description (GPU types, prices, model profiles) and capacity plans:
        // replicas with batching, pre-scale schedules, reserved / on-demand / spot split.
        .target(name: "Planning", dependencies: ["Traffic", "Vocabulary"], swiftSettings: swiftSettings),
        // Pure: cost reports from stored plans: FOCUS-style rows per charge period, RFC 4180 CSV.
        .target(name: "Reports", dependencies: ["Planning", "Traffic", "Vocabulary"], swiftSettings: swiftSettings),
        // Pure: cron expressions and the scheduler's decisions (which job runs are due, when to wake);
        // days are counted by Traffic's CivilDate.
        .target(name: "Scheduling", dependencies: ["Traffic"], swiftSettings: swiftSettings),
        // Reads headroom.yaml into Planning's values and the jobs' schedule (its keys are those of
        // Jobs' JobCatalog), naming the key path of every problem.
        .target(
            name: "Config",
            dependencies: ["Planning", "Traffic", "Vocabulary", "Scheduling", "Jobs", "Pull", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings,
            plugins: ["EmbedText"]
        ),
        // Pure: the GPU allocation engine: node pool, best-fit packing, isolation, drain,
        // preemption, spot interruptions; reconcile a pool towards targets as a list of actions.
        .target(
            name: "Allocation",
            dependencies: ["Vocabulary", .product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: swiftSettings
        ),
        // Pure: replays real traffic day by day through forecast, plan and a simulated pool, and
        // scores policies (hybrid, predictive, reactive, static) on cost and served demand.
        .target(
            name: "Simulation",
            dependencies: ["Traffic", "Vocabulary", "Forecasting", "Planning"],
            swiftSettings: swiftSettings
        ),
        // Pure: pulling traffic from where it lives (Prometheus): the source's description,
        // query_range requests cut to Prometheus's point limit, and its answers decoded.
        .target(name: "Pull", dependencies: ["Traffic"], swiftSettings: swiftSettings),
        // Pure: the Kubernetes objects (KEDA ScaledObject, autoscaling/v2 HPA) that make a cluster's
        // autoscaler run a plan; YAML through Yams.
        .target(
            name: "Kubernetes",
            dependencies: ["Planning", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Generated: KEDA's externalscaler.proto as Swift messages and gRPC stubs (never edited;
        // docs/KEDA-REGENERATE.md). Built in plain Swift 6 mode, as generated.
        .target(
            name: "KEDAProtocol",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // Edge: KEDA's external scaler over the newest plan, served by `headroom serve` (gRPC).
        .target(
            name: "ExternalScaler",
            dependencies: [
                "KEDAProtocol", "Jobs", "Store", "Planning", "Vocabulary", "Config",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // I/O: SQLite through GRDB; migrations are the SQL files in Migrations/, embedded at build time.
        .target(
            name: "Store",
            dependencies: [
                "Traffic", "Scheduling",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedText"]
        ),
        // I/O: streams a traffic file (hashing it) through the Traffic reader into the Store.
        .target(
            name: "Ingestion",
            dependencies: [
                "Traffic", "Store", "CZlib", "Pull", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The nightly jobs over stored data (forecast run, later plan and execute): load from the
        // store, call the pure stages, save the results. Shared by the CLI and the service.
        .target(
            name: "Jobs",
            dependencies: [
                "Traffic", "Vocabulary", "Store", "Forecasting", "Planning", "Allocation", "Reports", "Scheduling",
                "Simulation", "Kubernetes", "Pull", "Ingestion", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Edge: the REST service on Hummingbird: plans, forecasts, traffic, jobs, pool, reports,
        // bearer-token auth, problem+json errors, Prometheus metrics, the OpenAPI document.
        .target(
            name: "Server",
            dependencies: [
                "Traffic", "Vocabulary", "Store", "Ingestion", "Planning", "Config", "Jobs", "Allocation", "Reports",
                "Scheduling", "Kubernetes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedText"]
        ),
        // Edge: the `headroom` commands, as a library so that tests call them in-process.
        .target(
            name: "HeadroomCLI",
            dependencies: [
                "Traffic", "Vocabulary", "Store", "Ingestion", "Forecasting", "Planning", "Config", "Jobs",
                "Allocation", "Simulation", "Reports", "Server", "Scheduling", "Kubernetes", "ExternalScaler", "Pull",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "headroom", dependencies: ["HeadroomCLI"], swiftSettings: swiftSettings),

        // Build glue: turns Migrations/*.sql (into Store) and examples/headroom.yaml (into
        // Configuration) into Swift string constants, so the binary carries them.
        .executableTarget(name: "embed-text", swiftSettings: swiftSettings),
        .plugin(name: "EmbedText", capability: .buildTool(), dependencies: ["embed-text"]),

        // Test doubles shared by test targets (the scheduler's manual clock); not part of the product.
        .target(name: "TestSupport", dependencies: ["Jobs"], path: "Tests/TestSupport", swiftSettings: swiftSettings),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"], swiftSettings: swiftSettings),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"], swiftSettings: swiftSettings),
        .testTarget(name: "TrafficTests", dependencies: ["Traffic"], swiftSettings: swiftSettings),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"], swiftSettings: swiftSettings),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "Traffic"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlanningTests",
            dependencies: [
                "Planning", "Traffic", "Vocabulary", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Planning", "Traffic", "Vocabulary"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AllocationTests",
            dependencies: [
                "Allocation", "Vocabulary", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "Traffic", "Planning", "Config"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConfigTests",
            dependencies: ["Config", "Planning", "Scheduling", "Traffic", "Pull"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Scheduling", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PullTests",
            dependencies: ["Pull", "Traffic"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubernetesTests",
            dependencies: ["Kubernetes", "Planning", "Config", "Simulation", "Traffic", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JobsTests",
            dependencies: [
                "Jobs", "Store", "Ingestion", "Traffic", "Planning", "Config", "Allocation", "Scheduling", "TestSupport",
                "Simulation", "Vocabulary", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestionTests",
            dependencies: [
                "Ingestion", "Store", "Traffic", "Pull", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Store", "Jobs", "Traffic", "Config", "Ingestion", "Planning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeadroomCLITests",
            dependencies: [
                "HeadroomCLI", "Store", "Traffic", "Config", "Forecasting", "Simulation",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
import PackageDescription

let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let cryptoExtras = Target.Dependency.product(name: "_CryptoExtras", package: "swift-crypto")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "EZ360PM",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ez360", targets: ["ez360"]),
        .executable(name: "ez360-fcgi", targets: ["ez360-fcgi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CFastCGI", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CQRencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CHaru", providers: [.apt(["libhpdf-dev"])]),
        .target(name: "Domain"),
        .target(name: "Store", dependencies: ["Domain", grdb], exclude: ["schema.sql"]),
        .target(name: "App", dependencies: ["Domain", "Store", "Documents", crypto, cryptoExtras]),
        .target(name: "Web", dependencies: ["Domain", "App", "CQRencode"]),
        .target(name: "FastCGIServer", dependencies: ["CFastCGI"]),
        .target(name: "Ops", dependencies: ["Domain", "Store", "App", "Documents"]),
        .target(name: "Documents", dependencies: ["CHaru"]),
        .executableTarget(name: "ez360", dependencies: ["Ops", "App", "Store", "Domain", argumentParser]),
        .executableTarget(name: "ez360-fcgi", dependencies: ["Web", "FastCGIServer", "App", "Store"]),

        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Domain", grdb]),
        .testTarget(name: "AppTests", dependencies: ["App", "Store", "Domain", "Documents", grdb, crypto, cryptoExtras]),
        .testTarget(name: "WebTests", dependencies: ["Web", "App", "Store", "Domain", "Documents"]),
        .testTarget(name: "FastCGIServerTests", dependencies: ["FastCGIServer"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents"]),
        .testTarget(name: "OpsTests", dependencies: ["Ops", "App", "Store", "Domain", grdb]),
        .testTarget(name: "IntegrationTests", dependencies: ["ez360", "ez360-fcgi"], exclude: ["Support/smtp_sink.py"]),
    ]
)

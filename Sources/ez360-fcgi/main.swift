import App
import FastCGIServer
import Foundation
import Store
import Web

/// ez360-fcgi: the FastCGI application. Listens on the socket systemd passes as fd 0
/// (StandardInput=socket), or on `--socket PATH`; `--cgi` answers one CGI request instead.
/// Refuses to start on a database whose migrations do not match this binary.

struct Options {
    var socketPath: String?
    var cgi = false
    var workers: Int?

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--socket": options.socketPath = iterator.next()
            case "--cgi": options.cgi = true
            case "--workers": options.workers = iterator.next().flatMap(Int.init)
            case "--version":
                print("ez360-fcgi \(AppConfig.version)")
                exit(0)
            case "--help", "-h":
                print("""
                    usage: ez360-fcgi [--socket PATH] [--workers N] [--cgi]
                      (no --socket: accept on the listening socket passed as fd 0, as systemd and spawn-fcgi do)
                    environment: EZ360_DATA_DIR, EZ360_ENV, EZ360_WORKERS, EZ360_SLOW_REQUEST_MS (docs/operations.md)
                    """)
                exit(0)
            default:
                fail("unknown argument \(argument) (try --help)")
            }
        }
        return options
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ez360-fcgi: \(message)\n".utf8))
    exit(1)
}

let options = Options.parse(CommandLine.arguments)
var config = AppConfig.fromEnvironment()
if let workers = options.workers { config.workers = max(1, workers) }

let database: AppDatabase
do {
    database = try AppDatabase(dataDirectory: config.dataDirectory, readers: config.workers)
    let status = try database.migrationStatus()
    guard status == .current else { fail("refusing to start: the database \(database.path) is \(status.summary).") }
} catch {
    fail("cannot open the database in \(config.dataDirectory): \(error)")
}
let web = WebApplication(app: EZ360App(database: database, config: config))

@Sendable func handle(_ request: FastCGIRequest) throws -> FastCGIResponse {
    let response = web.respond(cgiParams: request.params, body: FastCGIBody(request: request))
    return FastCGIResponse(status: response.status, headers: response.headers, body: response.body)
}

/// libfcgi's input stream as the web layer's body stream.
struct FastCGIBody: BodyStream {
    let request: FastCGIRequest
    func read(maxLength: Int) throws -> [UInt8] { try request.read(maxLength: maxLength) }
}

if options.cgi {
    exit(CGIGateway.serveOne(environment: ProcessInfo.processInfo.environment, input: 0, output: 1, handler: handle))
}

do {
    let listen: FastCGIListen = options.socketPath.map { .unixSocket(path: $0) } ?? .inheritedSocket(fd: 0)
    let server = try FastCGIServer(listen: listen, workers: config.workers, handler: handle)
    server.stopOnTerminationSignals()
    FileHandle.standardError.write(Data("ez360-fcgi \(config.version): \(config.workers) workers, data in \(config.dataDirectory), \(config.environment.rawValue)\n".utf8))
    try server.run()
    FileHandle.standardError.write(Data("ez360-fcgi: stopped\n".utf8))
} catch {
    fail("\(error)")
}

import Foundation
import XCTest

/// poppler-utils (pdftotext, pdfinfo, pdftoppm, pdfimages), run on PDFs written to a
/// temporary directory. Installed by scripts/deps.sh test and .ci/run.
struct Poppler {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ez360-documents-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func write(_ pdf: [UInt8], name: String = "document.pdf") throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(pdf).write(to: url)
        return url.path
    }

    /// `pdftotext -layout` of the whole file.
    func text(_ path: String) throws -> String {
        try run("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
    }

    func pageCount(_ path: String) throws -> Int {
        let info = try run("pdfinfo", [path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    func info(_ path: String) throws -> String { try run("pdfinfo", [path]) }

    /// `pdffonts`: one row per font (name, type words, encoding, emb, sub, uni, object id)
    /// after the two header lines.
    func fonts(_ path: String) throws -> [[Substring]] {
        try run("pdffonts", [path]).split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
    }

    /// `pdfimages -list`: one row per image after the two header lines.
    func imageRows(_ path: String) throws -> [[Substring]] {
        try run("pdfimages", ["-list", path]).split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
    }

    /// Page 1 rasterised (`pdftoppm -r … -f 1 -l 1`), gray (PGM) or colour (PPM).
    func rasterFirstPage(_ path: String, resolution: Int, gray: Bool) throws -> Raster {
        let prefix = directory.appendingPathComponent("page-\(UUID().uuidString)").path
        _ = try run("pdftoppm", ["-r", "\(resolution)", "-f", "1", "-l", "1", "-singlefile"] + (gray ? ["-gray"] : []) + [path, prefix])
        let file = prefix + (gray ? ".pgm" : ".ppm")
        return try Raster(netpbm: [UInt8](Data(contentsOf: URL(fileURLWithPath: file))))
    }

    /// Page 1 as a PNG file made by libpng (pdftoppm -png), for the logo decoder.
    func pngOfFirstPage(_ path: String, resolution: Int) throws -> [UInt8] {
        let prefix = directory.appendingPathComponent("png-\(UUID().uuidString)").path
        _ = try run("pdftoppm", ["-r", "\(resolution)", "-f", "1", "-l", "1", "-singlefile", "-png", path, prefix])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: prefix + ".png")))
    }

    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PopplerFailure(message: "\(tool) \(arguments) exited \(process.terminationStatus): "
                + String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct PopplerFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A binary PGM (P5) or PPM (P6) image with 8-bit samples.
struct Raster {
    let width: Int
    let height: Int
    let channels: Int
    let samples: [UInt8]

    init(netpbm bytes: [UInt8]) throws {
        // Header: magic, width, height, maxval, separated by whitespace, then one byte.
        var fields: [String] = []
        var index = 0
        var current = ""
        while fields.count < 4 && index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if !current.isEmpty { fields.append(current); current = "" }
            } else {
                current.append(Character(Unicode.Scalar(byte)))
            }
        }
        guard fields.count == 4, let width = Int(fields[1]), let height = Int(fields[2]), fields[3] == "255" else {
            throw PopplerFailure(message: "not an 8-bit netpbm image: \(fields)")
        }
        channels = fields[0] == "P6" ? 3 : 1
        guard fields[0] == "P5" || fields[0] == "P6", bytes.count - index >= width * height * channels else {
            throw PopplerFailure(message: "truncated netpbm image")
        }
        self.width = width
        self.height = height
        samples = Array(bytes[index..<(index + width * height * channels)])
    }

    /// (r, g, b) or (v, v, v) at a pixel, y from the top.
    func pixel(x: Int, y: Int) -> (Int, Int, Int) {
        let at = (y * width + x) * channels
        return channels == 3 ? (Int(samples[at]), Int(samples[at + 1]), Int(samples[at + 2]))
            : (Int(samples[at]), Int(samples[at]), Int(samples[at]))
    }
}

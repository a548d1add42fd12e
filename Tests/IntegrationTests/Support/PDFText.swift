import Foundation

/// The text of a PDF as poppler reads it (`pdftotext -layout`, poppler-utils: scripts/deps.sh
/// test installs it), to check what a document says rather than that it is a PDF.
enum PDFText {
    static func extract(_ pdf: [UInt8]) throws -> String {
        guard let pdftotext = Paths.executable(named: "pdftotext") else {
            throw HarnessError("pdftotext is not installed (Debian: apt-get install poppler-utils)")
        }
        let scratch = NSTemporaryDirectory()
        let path = scratch + "/ez360-pdftext-\(UUID().uuidString).pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let (exit, stdout, stderr) = try ChildProcess.runSeparately(pdftotext, ["-layout", "-enc", "UTF-8", path, "-"],
                                                                     environment: ChildProcess.environment(),
                                                                     scratchDirectory: scratch)
        guard exit.succeeded else { throw HarnessError("pdftotext failed (\(exit)): \(stderr)") }
        return String(decoding: stdout, as: UTF8.self)
    }
}

import CQRencode

/// A QR code drawn server-side as inline SVG (no script, no image request, CSP-clean), from
/// Debian's libqrencode. Used by the 2FA enrolment page for the otpauth:// URI.
enum QRCodeSVG {
    /// The module matrix libqrencode makes for `text` (8-bit mode, error correction M):
    /// `matrix[row][column]` is true for a dark module. Nil if libqrencode refuses the input.
    static func modules(_ text: String, level: QRecLevel = QR_ECLEVEL_M) -> [[Bool]]? {
        guard let code = QRcode_encodeString(text, 0, level, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        return (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
    }

    /// The QR version (1–40) of a matrix: width = 17 + 4 × version.
    static func version(ofWidth width: Int) -> Int { (width - 17) / 4 }

    /// An `<svg>` element: a white square with a 4-module quiet zone and one black path whose
    /// subpaths are the dark modules (one unit each), scaled to `pixels` wide.
    static func svg(_ text: String, pixels: Int = 232, label: String = "QR code") -> HTML? {
        guard let matrix = modules(text) else { return nil }
        let size = matrix.count + 8
        var path = ""
        path.reserveCapacity(matrix.count * matrix.count * 4)
        for (row, columns) in matrix.enumerated() {
            for (column, dark) in columns.enumerated() where dark {
                path += "M\(column + 4) \(row + 4)h1v1h-1z"
            }
        }
        return """
            <svg class="qr-code" xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(size) \(size)" shape-rendering="crispEdges" role="img" aria-label="\(label)">\
            <rect width="\(size)" height="\(size)" fill="#ffffff"/><path fill="#000000" d="\(path)"/></svg>
            """
    }
}

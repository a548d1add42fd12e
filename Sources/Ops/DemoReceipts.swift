import Documents
import Foundation

/// Small but valid receipt files for the demo seed, made here rather than shipped: a PNG
/// (a pale "paper" rectangle with dark rows for lines of text) and a one-page PDF with a
/// few lines of text. Both open in any viewer.
enum DemoReceipts {
    /// A `width`×`height` grey PNG that looks like a slip of paper with lines of text.
    static func png(width: Int = 48, height: Int = 64) -> [UInt8] {
        GreyPNG.encode(width: width, height: height) { x, y in
            let textRow = y > 6 && y < height - 6 && (y / 3).isMultiple(of: 2) && y % 3 == 0
            return textRow && x > 5 && x < width - 6 - (y * 7) % 13 ? 0x40 : 0xF4
        }
    }

    /// A one-page PDF 1.4 with `lines` of Helvetica text, with a correct cross-reference table.
    static func pdf(lines: [String]) -> [UInt8] {
        var content = "BT /F1 11 Tf 40 760 Td 14 TL\n"
        for line in lines {
            let escaped = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
            content += "(\(escaped)) Tj T*\n"
        }
        content += "ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 820] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { text += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(text.utf8)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the renderer needs to know about a TrueType font before libharu draws with it:
/// which characters it has (its Unicode BMP `cmap`) and how wide each one is (`hmtx`), in
/// the 1/1000 em units PDF uses. Read once per renderer, so measuring and wrapping text is
/// array lookups and libharu is never handed a character it would draw as an empty box.
struct FontMetrics: Sendable {
    /// Glyph id for each BMP code point (0: the font lacks it).
    private let glyphs: [UInt16]
    /// Advance width of each glyph, in 1/1000 em (what libharu writes into the PDF).
    private let advances: [UInt16]
    /// Width of "?", what a missing character becomes.
    let replacementWidth: Int

    init(path: String) throws(PDFRenderError) {
        let bytes = try Self.read(path)
        do {
            let font = try TrueTypeTables(bytes)
            (glyphs, advances) = try font.metrics()
        } catch let reason as TrueTypeTables.Failure {
            throw .fontUnusable(path: path, reason: reason.message)
        } catch {
            throw .fontUnusable(path: path, reason: "\(error)")
        }
        let question = Int(glyphs[Int(UInt8(ascii: "?"))])
        replacementWidth = question < advances.count ? Int(advances[question]) : 500
    }

    /// True when the font has a glyph for `scalar` (BMP only; the rest become "?").
    func has(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x1_0000 && glyphs[Int(scalar.value)] != 0
    }

    /// Width in 1/1000 em of a character the font has; callers pass `printable` text.
    func advance(_ scalar: Unicode.Scalar) -> Int {
        guard scalar.value < 0x1_0000 else { return replacementWidth }
        let glyph = Int(glyphs[Int(scalar.value)])
        guard glyph != 0, glyph < advances.count else { return replacementWidth }
        return Int(advances[glyph])
    }

    /// Width in points of printable `text` at `size`.
    func width(_ text: Substring.UnicodeScalarView, size: Float) -> Float {
        var units = 0
        for scalar in text { units += advance(scalar) }
        return Float(units) * size / 1000
    }

    func width(_ text: String, size: Float) -> Float {
        width(Substring(text).unicodeScalars, size: size)
    }

    /// `text` as it can be drawn on one line: tabs and line breaks become spaces, other
    /// control characters, bidi controls and anything the font cannot show become "?".
    func printable(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where !isPlain(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: out.append(" ")
            default: out.append(isPlain(scalar) ? scalar : "?")
            }
        }
        return String(out)
    }

    /// A scalar drawn as itself: the font has it, and it is neither a control character nor
    /// a bidirectional override or isolate (invisible, yet they reorder the text a reader
    /// copies out of the PDF: "Trojan source" spoofing of names and references).
    private func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return false }
        switch value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return false
        default: return has(scalar)
        }
    }

    private static func read(_ path: String) throws(PDFRenderError) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw .fontMissing(path: path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count { break }
            if bytes.count > 64 << 20 { throw .fontUnusable(path: path, reason: "larger than 64 MiB") }
        }
        if ferror(file) != 0 || bytes.isEmpty { throw .fontMissing(path: path) }
        return bytes
    }
}

/// The few TrueType tables FontMetrics reads, with every offset bounds-checked.
private struct TrueTypeTables {
    struct Failure: Error { let message: String }

    let bytes: [UInt8]
    var tables: [String: Range<Int>] = [:]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let version = try u32(0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else {
            throw Failure(message: "not a TrueType font (version 0x\(String(version, radix: 16)))")
        }
        let count = Int(try u16(4))
        for index in 0..<count {
            let record = 12 + index * 16
            let tag = String(decoding: try slice(record, 4), as: UTF8.self)
            let offset = Int(try u32(record + 8))
            let length = Int(try u32(record + 12))
            guard offset <= bytes.count, length <= bytes.count - offset else {
                throw Failure(message: "table \(tag) runs past the end of the file")
            }
            tables[tag] = offset..<(offset + length)
        }
    }

    /// (glyph id per BMP code point, advance per glyph in 1/1000 em).
    func metrics() throws -> ([UInt16], [UInt16]) {
        let head = try table("head")
        let unitsPerEm = Int(try u16(head.lowerBound + 18))
        guard unitsPerEm > 0 else { throw Failure(message: "unitsPerEm is 0") }
        let hhea = try table("hhea")
        let metricCount = Int(try u16(hhea.lowerBound + 34))
        let maxp = try table("maxp")
        let glyphCount = Int(try u16(maxp.lowerBound + 4))
        let hmtx = try table("hmtx")
        guard metricCount > 0, metricCount <= glyphCount, metricCount * 4 <= hmtx.count else {
            throw Failure(message: "hmtx is shorter than hhea says")
        }
        var advances = [UInt16](repeating: 0, count: glyphCount)
        var last: UInt16 = 0
        for glyph in 0..<glyphCount {
            if glyph < metricCount {
                let units = Int(try u16(hmtx.lowerBound + glyph * 4))
                last = UInt16(clamping: units * 1000 / unitsPerEm)   // libharu truncates too
            }
            advances[glyph] = last
        }
        return (try unicodeBMP(glyphCount: glyphCount), advances)
    }

    /// The format 4 subtable for Unicode BMP (platform 3/1, else platform 0) as a lookup array.
    private func unicodeBMP(glyphCount: Int) throws -> [UInt16] {
        let cmap = try table("cmap")
        let count = Int(try u16(cmap.lowerBound + 2))
        var chosen: Int?
        for index in 0..<count {
            let record = cmap.lowerBound + 4 + index * 8
            let platform = try u16(record), encoding = try u16(record + 2)
            let offset = cmap.lowerBound + Int(try u32(record + 4))
            guard offset < cmap.upperBound, try u16(offset) == 4 else { continue }
            if platform == 3 && encoding == 1 { chosen = offset; break }
            if platform == 0 && chosen == nil { chosen = offset }
        }
        guard let start = chosen else { throw Failure(message: "no Unicode BMP (format 4) cmap") }
        let segments = Int(try u16(start + 6)) / 2
        let ends = start + 14, starts = ends + segments * 2 + 2
        let deltas = starts + segments * 2, rangeOffsets = deltas + segments * 2
        var glyphs = [UInt16](repeating: 0, count: 0x1_0000)
        for segment in 0..<segments {
            let end = Int(try u16(ends + segment * 2))
            let first = Int(try u16(starts + segment * 2))
            let delta = Int(try u16(deltas + segment * 2))
            let rangeOffsetAt = rangeOffsets + segment * 2
            let rangeOffset = Int(try u16(rangeOffsetAt))
            guard first <= end else { continue }
            for code in first...end where code != 0xFFFF {
                var glyph: Int
                if rangeOffset == 0 {
                    glyph = (code + delta) & 0xFFFF
                } else {
                    glyph = Int(try u16(rangeOffsetAt + rangeOffset + (code - first) * 2))
                    if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                }
                glyphs[code] = glyph < glyphCount ? UInt16(glyph) : 0
            }
        }
        return glyphs
    }

    private func table(_ tag: String) throws -> Range<Int> {
        guard let range = tables[tag] else { throw Failure(message: "no \(tag) table") }
        return range
    }

    private func slice(_ offset: Int, _ count: Int) throws -> ArraySlice<UInt8> {
        guard offset >= 0, offset <= bytes.count - count else { throw Failure(message: "truncated at \(offset)") }
        return bytes[offset..<(offset + count)]
    }

    private func u16(_ offset: Int) throws -> UInt16 {
        let s = try slice(offset, 2)
        return UInt16(s[s.startIndex]) << 8 | UInt16(s[s.startIndex + 1])
    }

    private func u32(_ offset: Int) throws -> UInt32 {
        let s = try slice(offset, 4)
        return s.reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// Minimal PNG writer for tests: the pixel data goes into stored (uncompressed) deflate
/// blocks, so no zlib is needed, and chunk CRCs can be corrupted on purpose.
enum TestPNG {
    /// `rows` are the unfiltered scanlines (filter byte 0 is added here).
    static func make(
        width: Int, height: Int, bitDepth: Int = 8, colorType: Int, rows: [[UInt8]],
        palette: [UInt8]? = nil, transparency: [UInt8]? = nil, interlace: UInt8 = 0
    ) -> [UInt8] {
        var raw: [UInt8] = []
        for row in rows { raw.append(0); raw.append(contentsOf: row) }
        return assemble(
            width: width, height: height, bitDepth: bitDepth, colorType: colorType, interlace: interlace, raw: raw,
            palette: palette, transparency: transparency)
    }

    /// An Adam7-interlaced 8-bit RGB image; each pass row uses filter `(pass + row) % 5`, so
    /// all five filters are exercised.
    static func interlacedRGB(width: Int, height: Int, pixel: (Int, Int) -> [UInt8]) -> [UInt8] {
        let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        var raw: [UInt8] = []
        for (index, (x0, y0, dx, dy)) in passes.enumerated() {
            let columns = Array(stride(from: x0, to: width, by: dx))
            var previous = [UInt8](repeating: 0, count: columns.count * 3)
            guard !columns.isEmpty else { continue }
            for (row, y) in stride(from: y0, to: height, by: dy).enumerated() {
                let line = columns.flatMap { pixel($0, y) }
                let filter = (index + row) % 5
                raw.append(UInt8(filter))
                for i in 0..<line.count {
                    let a = i >= 3 ? Int(line[i - 3]) : 0, b = Int(previous[i]), c = i >= 3 ? Int(previous[i - 3]) : 0
                    let predictor: Int
                    switch filter {
                    case 1: predictor = a
                    case 2: predictor = b
                    case 3: predictor = (a + b) / 2
                    case 4:
                        let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                        predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                    default: predictor = 0
                    }
                    raw.append(UInt8(truncatingIfNeeded: Int(line[i]) - predictor))
                }
                previous = line
            }
        }
        return assemble(width: width, height: height, bitDepth: 8, colorType: 2, interlace: 1, raw: raw)
    }

    static func assemble(
        width: Int, height: Int, bitDepth: Int, colorType: Int, interlace: UInt8, raw: [UInt8],
        palette: [UInt8]? = nil, transparency: [UInt8]? = nil
    ) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(width) + be32(height) + [UInt8(bitDepth), UInt8(colorType), 0, 0, interlace])
        if let palette { png += chunk("PLTE", palette) }
        if let transparency { png += chunk("tRNS", transparency) }
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    /// A width × height RGB image of one colour.
    static func solid(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8)) -> [UInt8] {
        let row = (0..<width).flatMap { _ in [rgb.0, rgb.1, rgb.2] }
        return make(width: width, height: height, colorType: 2, rows: Array(repeating: row, count: height))
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(crc32(body)))
    }

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + be32(Int(b << 16 | a))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

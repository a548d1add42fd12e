import CHaru

/// A PNG decoded in Swift to 8-bit RGB, composited over white, for
/// `HPDF_LoadRawImageFromMem`. libharu's own PNG loader hands the bytes to libpng without
/// an error handler, and libpng then aborts the whole process on a corrupt image; here every
/// chunk length and CRC is checked, the pixel data is inflated with zlib into a buffer of
/// exactly the expected size, and anything unexpected is `PDFRenderError.badLogo`.
///
/// Supported: every colour type and bit depth of PNG 1.2, palette transparency (tRNS),
/// interlaced (Adam7) or not. Limits: 4096 pixels a side, 4 megapixels, 16 MiB of file.
struct PNGImage {
    let width: Int
    let height: Int
    /// width × height × 3 bytes, rows top to bottom.
    let rgb: [UInt8]

    static let maximumSide = 4096
    static let maximumPixels = 4 << 20

    init(_ bytes: [UInt8]) throws(PDFRenderError) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw .badLogo(reason: "no PNG signature") }
        guard bytes.count <= 16 << 20 else { throw .badLogo(reason: "larger than 16 MiB") }

        var header: Header?
        var palette: [UInt8] = []
        var paletteAlpha: [UInt8] = []
        var compressed: [UInt8] = []
        var offset = 8
        var sawEnd = false
        while !sawEnd {
            guard offset + 12 <= bytes.count else { throw .badLogo(reason: "truncated (no IEND chunk)") }
            let length = Int(Self.u32(bytes, offset))
            guard length <= bytes.count - offset - 12 else { throw .badLogo(reason: "a chunk runs past the end") }
            let typeStart = offset + 4, dataStart = offset + 8, dataEnd = dataStart + length
            let stored = Self.u32(bytes, dataEnd)
            let computed = bytes.withUnsafeBufferPointer { buffer in
                crc32(0, buffer.baseAddress! + typeStart, UInt32(length + 4))
            }
            guard stored == UInt32(computed) else { throw .badLogo(reason: "chunk CRC mismatch") }
            let type = String(decoding: bytes[typeStart..<dataStart], as: UTF8.self)
            let data = bytes[dataStart..<dataEnd]
            if header == nil && type != "IHDR" { throw .badLogo(reason: "IHDR is not the first chunk") }
            switch type {
            case "IHDR": header = try Header(data)
            case "PLTE":
                guard length % 3 == 0, length > 0, length <= 768 else { throw .badLogo(reason: "bad PLTE length") }
                palette = Array(data)
            case "tRNS": paletteAlpha = Array(data)
            case "IDAT": compressed.append(contentsOf: data)
            case "IEND": sawEnd = true
            default:
                // Unknown critical chunks (uppercase first letter) cannot be skipped.
                if let first = type.utf8.first, first >= 0x41 && first <= 0x5A {
                    throw .badLogo(reason: "unsupported critical chunk \(type)")
                }
            }
            offset = dataEnd + 4
        }
        guard let header else { throw .badLogo(reason: "no IHDR chunk") }
        if header.colorType == 3 && palette.isEmpty { throw .badLogo(reason: "palette image without PLTE") }
        guard !compressed.isEmpty else { throw .badLogo(reason: "no image data") }

        // The passes an interlaced image is stored in (x0, y0, dx, dy), else one pass.
        let passes = header.interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        let subimages: [(x0: Int, y0: Int, dx: Int, dy: Int, header: Header)] = passes.compactMap { x0, y0, dx, dy in
            let passWidth = (header.width - x0 + dx - 1) / dx, passHeight = (header.height - y0 + dy - 1) / dy
            guard passWidth > 0, passHeight > 0 else { return nil }
            return (x0, y0, dx, dy, header.resized(width: passWidth, height: passHeight))
        }
        let expected = subimages.reduce(0) { $0 + ($1.header.rowBytes + 1) * $1.header.height }
        var raw = [UInt8](repeating: 0, count: expected)
        var rawCount = UInt(expected)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawCount, input.baseAddress, UInt(input.count))
            }
        }
        guard status == Z_OK, rawCount == UInt(expected) else {
            throw .badLogo(reason: status == Z_OK ? "image data has the wrong size" : "image data does not inflate (zlib \(status))")
        }
        width = header.width
        height = header.height
        if !header.interlaced {
            try Self.unfilter(&raw, stride: header.rowBytes, rows: header.height, bytesPerPixel: header.filterUnit)
            rgb = try Self.toRGB(raw, header, palette: palette, paletteAlpha: paletteAlpha)
            return
        }
        var image = [UInt8](repeating: 255, count: header.width * header.height * 3)
        var passStart = 0
        for pass in subimages {
            let size = (pass.header.rowBytes + 1) * pass.header.height
            var passRaw = Array(raw[passStart..<(passStart + size)])
            passStart += size
            try Self.unfilter(&passRaw, stride: pass.header.rowBytes, rows: pass.header.height, bytesPerPixel: pass.header.filterUnit)
            let passRGB = try Self.toRGB(passRaw, pass.header, palette: palette, paletteAlpha: paletteAlpha)
            for row in 0..<pass.header.height {
                for column in 0..<pass.header.width {
                    let from = (row * pass.header.width + column) * 3
                    let to = ((pass.y0 + row * pass.dy) * header.width + pass.x0 + column * pass.dx) * 3
                    image[to] = passRGB[from]; image[to + 1] = passRGB[from + 1]; image[to + 2] = passRGB[from + 2]
                }
            }
        }
        rgb = image
    }

    private struct Header {
        var width: Int, height: Int
        let bitDepth: Int, colorType: Int, interlaced: Bool

        init(_ data: ArraySlice<UInt8>) throws(PDFRenderError) {
            guard data.count == 13 else { throw .badLogo(reason: "IHDR has \(data.count) bytes, not 13") }
            let bytes = Array(data)
            width = Int(PNGImage.u32(bytes, 0))
            height = Int(PNGImage.u32(bytes, 4))
            bitDepth = Int(bytes[8])
            colorType = Int(bytes[9])
            guard width > 0, height > 0, width <= PNGImage.maximumSide, height <= PNGImage.maximumSide else {
                throw .badLogo(reason: "\(width) × \(height) pixels (at most \(PNGImage.maximumSide) a side)")
            }
            guard width * height <= PNGImage.maximumPixels else {
                throw .badLogo(reason: "\(width) × \(height) pixels (at most 4 megapixels)")
            }
            let allowed: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
            guard allowed[colorType]?.contains(bitDepth) == true else {
                throw .badLogo(reason: "colour type \(colorType) with bit depth \(bitDepth)")
            }
            guard bytes[10] == 0, bytes[11] == 0 else { throw .badLogo(reason: "unknown compression or filter method") }
            guard bytes[12] <= 1 else { throw .badLogo(reason: "unknown interlace method \(bytes[12])") }
            interlaced = bytes[12] == 1
        }

        /// The same format at another size (one pass of an interlaced image).
        func resized(width: Int, height: Int) -> Header {
            var copy = self
            copy.width = width
            copy.height = height
            return copy
        }

        var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType] ?? 1 }
        var rowBytes: Int { (width * channels * bitDepth + 7) / 8 }
        var filterUnit: Int { max(1, channels * bitDepth / 8) }
    }

    private static func unfilter(_ raw: inout [UInt8], stride: Int, rows: Int, bytesPerPixel bpp: Int) throws(PDFRenderError) {
        // Rows are packed in place: row r moves from r*(stride+1)+1 to r*stride.
        for row in 0..<rows {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            let previous = row == 0 ? -1 : (row - 1) * stride
            for index in 0..<stride {
                let x = Int(raw[source + index])
                let a = index >= bpp ? Int(raw[target + index - bpp]) : 0
                let b = previous >= 0 ? Int(raw[previous + index]) : 0
                let c = previous >= 0 && index >= bpp ? Int(raw[previous + index - bpp]) : 0
                let value: Int
                switch filter {
                case 0: value = x
                case 1: value = x + a
                case 2: value = x + b
                case 3: value = x + (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    value = x + (pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
                default: throw .badLogo(reason: "unknown row filter \(filter)")
                }
                raw[target + index] = UInt8(truncatingIfNeeded: value)
            }
        }
    }

    private static func toRGB(_ raw: [UInt8], _ header: Header, palette: [UInt8], paletteAlpha: [UInt8]) throws(PDFRenderError) -> [UInt8] {
        let width = header.width, depth = header.bitDepth, stride = header.rowBytes
        var rgb = [UInt8](repeating: 255, count: width * header.height * 3)
        // Sample `index` (0-based within the row, in channels) of a row, scaled to 0…255.
        func sample(_ row: Int, _ index: Int) -> Int {
            switch depth {
            case 16: return Int(raw[row * stride + index * 2])
            case 8: return Int(raw[row * stride + index])
            default:
                let bit = index * depth
                let byte = Int(raw[row * stride + bit / 8])
                let value = (byte >> (8 - depth - bit % 8)) & ((1 << depth) - 1)
                return header.colorType == 3 ? value : value * 255 / ((1 << depth) - 1)
            }
        }
        func over(_ value: Int, _ alpha: Int) -> UInt8 { UInt8((value * alpha + 255 * (255 - alpha) + 127) / 255) }
        for row in 0..<header.height {
            for column in 0..<width {
                let out = (row * width + column) * 3
                var r: Int, g: Int, b: Int, alpha = 255
                switch header.colorType {
                case 0:
                    r = sample(row, column); g = r; b = r
                case 2:
                    r = sample(row, column * 3); g = sample(row, column * 3 + 1); b = sample(row, column * 3 + 2)
                case 3:
                    let entry = sample(row, column)
                    guard entry * 3 + 2 < palette.count else { throw .badLogo(reason: "palette index \(entry) out of range") }
                    r = Int(palette[entry * 3]); g = Int(palette[entry * 3 + 1]); b = Int(palette[entry * 3 + 2])
                    if entry < paletteAlpha.count { alpha = Int(paletteAlpha[entry]) }
                case 4:
                    r = sample(row, column * 2); g = r; b = r; alpha = sample(row, column * 2 + 1)
                default:
                    r = sample(row, column * 4); g = sample(row, column * 4 + 1); b = sample(row, column * 4 + 2)
                    alpha = sample(row, column * 4 + 3)
                }
                rgb[out] = over(r, alpha); rgb[out + 1] = over(g, alpha); rgb[out + 2] = over(b, alpha)
            }
        }
        return rgb
    }

    fileprivate static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}

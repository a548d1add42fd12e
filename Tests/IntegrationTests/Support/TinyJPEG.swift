/// A valid baseline JPEG (JFIF, greyscale) made in code, like `TinyPNG`: each 8×8 block is one
/// flat shade, so only DC coefficients are coded, with hand-made Huffman tables (DC: sizes 0–11,
/// 4-bit codes; AC: only end-of-block, the 1-bit code 0) and a quantisation table of ones.
/// libjpeg decodes it to a `width`×`height` patchwork; no two sizes or seeds give the same bytes.
enum TinyJPEG {
    static func make(width: Int, height: Int, seed: Int = 0) -> [UInt8] {
        precondition((1...2040).contains(width) && (1...2040).contains(height))
        var file: [UInt8] = [0xFF, 0xD8]
        func segment(_ marker: UInt8, _ payload: [UInt8]) {
            file += [0xFF, marker] + be16(payload.count + 2) + payload
        }
        segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        segment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))
        segment(0xC0, [8] + be16(height) + be16(width) + [1, 1, 0x11, 0])
        var dcLengths = [UInt8](repeating: 0, count: 16)
        dcLengths[3] = 12
        segment(0xC4, [0x00] + dcLengths + (0...11).map { UInt8($0) })
        var acLengths = [UInt8](repeating: 0, count: 16)
        acLengths[0] = 1
        segment(0xC4, [0x10] + acLengths + [0x00])
        segment(0xDA, [1, 1, 0x00, 0, 63, 0])

        var bits = BitWriter()
        var previous = 0
        for row in 0..<(height + 7) / 8 {
            for column in 0..<(width + 7) / 8 {
                let shade = (column * 37 + row * 23 + seed * 11 + 40) % 256
                let dc = 8 * (shade - 128)
                let difference = dc - previous
                previous = dc
                let size = difference == 0 ? 0 : Int.bitWidth - difference.magnitude.leadingZeroBitCount
                bits.write(size, count: 4)
                if size > 0 { bits.write(difference > 0 ? difference : difference + (1 << size) - 1, count: size) }
                bits.write(0, count: 1)
            }
        }
        file += bits.finish()
        file += [0xFF, 0xD9]
        return file
    }

    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    /// Entropy-coded bytes: most significant bit first, a 0x00 stuffed after each 0xFF, the
    /// last byte padded with ones.
    struct BitWriter {
        private(set) var bytes: [UInt8] = []
        private var current = 0
        private var used = 0

        mutating func write(_ value: Int, count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) {
                current = current << 1 | (value >> shift & 1)
                used += 1
                if used == 8 { flush() }
            }
        }

        private mutating func flush() {
            bytes.append(UInt8(current))
            if current == 0xFF { bytes.append(0x00) }
            current = 0
            used = 0
        }

        mutating func finish() -> [UInt8] {
            while used != 0 { write(1, count: 1) }
            return bytes
        }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Web

@Suite struct QRCodeSVGTests {
    @Test func libqrencodeMakesTheExpectedVersions() throws {
        // Version 1 (21×21) holds 14 bytes at level M; version 2 (25×25) holds 26.
        let small = try #require(QRCodeSVG.modules("HELLO"))
        #expect(small.count == 21 && small.allSatisfy { $0.count == 21 })
        #expect(QRCodeSVG.version(ofWidth: small.count) == 1)
        let bigger = try #require(QRCodeSVG.modules(String(repeating: "x", count: 20)))
        #expect(bigger.count == 25)
        // Finder patterns: the top-left 7×7 ring is dark, its inner ring light, its centre dark.
        for index in 0..<7 {
            #expect(small[0][index] && small[6][index] && small[index][0] && small[index][6])
        }
        #expect(!small[1][1] && !small[1][5] && small[3][3] && small[2][2])
        #expect(small[0][20] && small[20][0] && !small[7][7])
    }

    @Test func svgIsWellFormedSizedAndDrawsEveryDarkModule() throws {
        let uri = "otpauth://totp/EZ360PM:ann@acme.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=EZ360PM"
        let matrix = try #require(QRCodeSVG.modules(uri))
        let svg = try #require(QRCodeSVG.svg(uri, pixels: 200)).string
        let size = matrix.count + 8
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("viewBox=\"0 0 \(size) \(size)\""))
        #expect(svg.contains("width=\"200\" height=\"200\""))
        let darkCount = matrix.reduce(0) { $0 + $1.filter { $0 }.count }
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == darkCount)
        // Each subpath sits on a dark module of the matrix (offset by the 4-module quiet zone).
        #expect(svg.contains("M\(4) \(4)h1v1h-1z"))
        let data = Data(svg.utf8)
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "the SVG is well-formed XML")
    }
}

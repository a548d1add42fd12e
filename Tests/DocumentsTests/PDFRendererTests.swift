import Documents
import Foundation
import XCTest

/// Renders real PDFs and reads them back with poppler: the text a client's PDF reader
/// would extract, the page count, the raster of page 1 and the embedded images.
final class PDFRendererTests: XCTestCase {
    private var poppler: Poppler!

    override func setUpWithError() throws {
        poppler = try Poppler()
    }

    override func tearDown() {
        poppler.remove()
    }

    /// Runs of whitespace become one space, so wrapped text and table spacing compare plainly.
    private func squeezed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Writes the PDF to the temporary directory, and also to $EZ360_KEEP_PDFS (a directory)
    /// when set, to look at what the tests made.
    private func renderToFile(_ document: BillingDocument, renderer: PDFRenderer? = nil, function: String = #function) throws -> String {
        let pdf = try (renderer ?? PDFRenderer()).render(document)
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
        let name = "\(function.prefix { $0 != "(" })-\(document.kind.rawValue)-\(UUID().uuidString.prefix(8)).pdf"
        if let keep = ProcessInfo.processInfo.environment["EZ360_KEEP_PDFS"], !keep.isEmpty {
            try Data(pdf).write(to: URL(fileURLWithPath: keep).appendingPathComponent(name))
        }
        return try poppler.write(pdf, name: name)
    }

    func testInvoiceTextHoldsEveryPart() throws {
        let document = BillingDocument.sample(lineCount: 5)
        let path = try renderToFile(document)
        let text = squeezed(try poppler.text(path))
        XCTAssertTrue(text.contains("Invoice INV-202611-0001"), text)
        XCTAssertTrue(text.contains("Zoë Ångström"), text)
        XCTAssertTrue(text.contains("90-001 Łódź"), text)
        XCTAssertTrue(text.contains("Ångström & Søn Consulting Ltd"), text)
        XCTAssertTrue(text.contains("Due: 2026-12-30"), text)
        XCTAssertTrue(text.contains("Status: Sent"), text)
        for line in document.lines {
            XCTAssertTrue(text.contains(line.description), "missing line \(line.description)")
            XCTAssertTrue(text.contains(line.amount), "missing amount \(line.amount)")
        }
        for row in document.taxSummary {
            XCTAssertTrue(text.contains(row.label))
            XCTAssertTrue(text.contains(row.base), "missing tax base \(row.base)")
            XCTAssertTrue(text.contains(row.amount), "missing tax \(row.amount)")
        }
        let totals = document.totals
        for value in [totals.subtotal, totals.taxTotal, totals.total, totals.amountPaid!, totals.balanceDue!] {
            XCTAssertTrue(text.contains(value), "missing total \(value)")
        }
        XCTAssertTrue(text.contains("Balance due"))
        XCTAssertTrue(text.contains(squeezed(document.paymentInstructions)), text)
        XCTAssertTrue(text.contains(squeezed(document.terms)), text)
        XCTAssertTrue(text.contains("Thank you for your business."))
        XCTAssertTrue(text.contains("RCS Paris 123 456 789"), "footer")
        XCTAssertTrue(text.contains("Page 1 of 1"), text)
        XCTAssertEqual(try poppler.pageCount(path), 1)
    }

    /// Each line's tax label shows whole in the Tax column (it was cut to "Sales tax …").
    func testTaxLabelsFitTheirColumn() throws {
        var document = BillingDocument.sample(lineCount: 3)
        for index in document.lines.indices { document.lines[index].taxLabel = "Sales tax 8.25%" }
        document.lines[1].taxLabel = "GST+PST 12.975%"
        let text = try poppler.text(try renderToFile(document))
        XCTAssertEqual(text.components(separatedBy: "Sales tax 8.25%").count - 1, 2, text)
        XCTAssertTrue(text.contains("GST+PST 12.975%"), text)
        XCTAssertFalse(text.contains("…"), text)
    }

    func testSixtyLineInvoiceRunsOverPagesWithTheHeaderRepeated() throws {
        let document = BillingDocument.sample(lineCount: 60)
        let path = try renderToFile(document)
        let pages = try poppler.pageCount(path)
        XCTAssertGreaterThanOrEqual(pages, 2)
        let raw = try poppler.text(path)
        let text = squeezed(raw)
        XCTAssertTrue(text.contains("Page 2 of \(pages)"), text)
        XCTAssertTrue(text.contains("Page \(pages) of \(pages)"))
        XCTAssertTrue(text.contains("Invoice INV-202611-0001 (continued)"))
        for line in document.lines { XCTAssertTrue(text.contains(line.description), "missing \(line.description)") }
        // The table header is drawn on every page the table reaches (form feeds split pages).
        let pagesWithHeader = raw.split(separator: "\u{0C}").filter { $0.contains("Unit price") }.count
        XCTAssertGreaterThanOrEqual(pagesWithHeader, 2)
    }

    func testFirstPageRastersToInk() throws {
        let path = try renderToFile(.sample(lineCount: 5))
        let page = try poppler.rasterFirstPage(path, resolution: 40, gray: true)
        XCTAssertEqual(page.width, 340)   // 8.5 in × 40 dpi
        let dark = page.samples.filter { $0 < 128 }.count
        XCTAssertGreaterThan(dark, 500, "page 1 looks blank")
        XCTAssertLessThan(dark, page.samples.count / 4, "page 1 looks filled")
    }

    func testLogoIsEmbeddedAndDrawnTopLeft() throws {
        var document = BillingDocument.sample(lineCount: 3)
        document.seller.logoPNG = TestPNG.solid(width: 120, height: 40, rgb: (200, 20, 30))
        let path = try renderToFile(document)
        let images = try poppler.imageRows(path)
        XCTAssertEqual(images.count, 1)
        XCTAssertEqual(images.first?[3], "120")   // page num type width height …
        XCTAssertEqual(images.first?[4], "40")
        // At 72 dpi the logo covers x 48…168, y 48…88 from the top-left corner.
        let page = try poppler.rasterFirstPage(path, resolution: 72, gray: false)
        let (r, g, b) = page.pixel(x: 100, y: 68)
        XCTAssertGreaterThan(r, 150)
        XCTAssertLessThan(g, 80)
        XCTAssertLessThan(b, 80)
    }

    /// A PNG written by libpng (pdftoppm) uses every row filter and real deflate; decoded
    /// and re-extracted it must match the original pixels exactly.
    func testLogoFromLibpngDecodesPixelExact() throws {
        let source = try renderToFile(.sample(lineCount: 5))
        let png = try poppler.pngOfFirstPage(source, resolution: 20)
        let expected = try poppler.rasterFirstPage(source, resolution: 20, gray: false)
        var document = BillingDocument.sample(lineCount: 1)
        document.seller.logoPNG = png
        let path = try renderToFile(document)
        let prefix = poppler.directory.appendingPathComponent("extracted").path
        try poppler.run("pdfimages", ["-f", "1", "-l", "1", path, prefix])
        let extracted = try Raster(netpbm: [UInt8](Data(contentsOf: URL(fileURLWithPath: prefix + "-000.ppm"))))
        XCTAssertEqual(extracted.width, expected.width)
        XCTAssertEqual(extracted.height, expected.height)
        XCTAssertEqual(extracted.samples, expected.samples)
    }

    /// Adam7: seven passes of different sizes (13 × 11 leaves some passes ragged), every
    /// row filter; the embedded image must match the pixels the PNG was made from.
    func testInterlacedLogoDecodesPixelExact() throws {
        let width = 13, height = 11
        let pixel = { (x: Int, y: Int) -> [UInt8] in [UInt8(x * 19 % 256), UInt8(y * 23 % 256), UInt8((x * y * 7 + 5) % 256)] }
        var document = BillingDocument.sample(lineCount: 1)
        document.seller.logoPNG = TestPNG.interlacedRGB(width: width, height: height, pixel: pixel)
        let path = try renderToFile(document)
        let prefix = poppler.directory.appendingPathComponent("adam7").path
        try poppler.run("pdfimages", ["-f", "1", "-l", "1", path, prefix])
        let extracted = try Raster(netpbm: [UInt8](Data(contentsOf: URL(fileURLWithPath: prefix + "-000.ppm"))))
        XCTAssertEqual(extracted.width, width)
        XCTAssertEqual(extracted.height, height)
        let expected = (0..<height).flatMap { y in (0..<width).flatMap { x in pixel(x, y) } }
        XCTAssertEqual(extracted.samples, expected)
    }

    func testLogoColourTypesAndDepths() throws {
        let cases: [(String, [UInt8])] = [
            ("gray 1-bit", TestPNG.make(width: 10, height: 2, bitDepth: 1, colorType: 0, rows: [[0b1010_1010, 0b1100_0000], [0, 0]])),
            ("gray+alpha", TestPNG.make(width: 2, height: 1, colorType: 4, rows: [[0, 255, 0, 0]])),
            ("rgba 16-bit", TestPNG.make(width: 1, height: 1, bitDepth: 16, colorType: 6, rows: [[255, 0, 0, 0, 0, 0, 255, 255]])),
            ("palette 4-bit with tRNS", TestPNG.make(
                width: 3, height: 1, bitDepth: 4, colorType: 3, rows: [[0x01, 0x00]],
                palette: [255, 0, 0, 0, 0, 255], transparency: [0])),
        ]
        for (name, png) in cases {
            var document = BillingDocument.sample(lineCount: 1)
            document.seller.logoPNG = png
            let path = try renderToFile(document)
            XCTAssertEqual(try poppler.imageRows(path).count, 1, name)
        }
    }

    func testCorruptLogosAreErrorsNotCrashes() throws {
        let good = TestPNG.solid(width: 8, height: 8, rgb: (0, 0, 0))
        var badCRC = good
        badCRC[30] ^= 0xFF   // inside IHDR's CRC
        var badIDAT = good
        // Garbage deflate data with a correct CRC: the zlib header says "stored" but lengths lie.
        let idatData: [UInt8] = [0x78, 0x01, 0x00, 0x05, 0x00, 0x00, 0x00, 1, 2, 3]
        badIDAT = Array(good[0..<33]) + TestPNG.chunk("IDAT", idatData) + TestPNG.chunk("IEND", [])
        let huge = Array(good[0..<8]) + TestPNG.chunk("IHDR", TestPNG.be32(100_000) + TestPNG.be32(100_000) + [8, 2, 0, 0, 0])
            + TestPNG.chunk("IDAT", TestPNG.zlibStored([0])) + TestPNG.chunk("IEND", [])
        let shortData = TestPNG.make(width: 8, height: 8, colorType: 2, rows: [[0, 0, 0]])
        let badPaletteIndex = TestPNG.make(width: 1, height: 1, colorType: 3, rows: [[9]], palette: [0, 0, 0])
        let unknownInterlace = TestPNG.make(width: 1, height: 1, colorType: 0, rows: [[0]], interlace: 2)
        let cases: [(String, [UInt8])] = [
            ("empty", []), ("not a PNG", Array("GIF89a…".utf8)), ("signature only", Array(good[0..<8])),
            ("truncated", Array(good[0..<(good.count - 5)])), ("bad CRC", badCRC), ("bad IDAT", badIDAT),
            ("huge", huge), ("short data", shortData), ("palette index", badPaletteIndex), ("interlace method 2", unknownInterlace),
        ]
        let renderer = try PDFRenderer()
        for (name, png) in cases {
            var document = BillingDocument.sample(lineCount: 1)
            document.seller.logoPNG = png
            XCTAssertThrowsError(try renderer.render(document), name) { error in
                guard case .badLogo(let reason)? = error as? PDFRenderError else {
                    return XCTFail("\(name): \(error)")
                }
                XCTAssertFalse(reason.isEmpty)
                XCTAssertTrue("\(error)".hasPrefix("logo is not a usable PNG"), "\(error)")
            }
        }
        // The renderer is still fine afterwards.
        XCTAssertNoThrow(try renderer.render(.sample(lineCount: 1)))
    }

    /// Random headers and pixel data behind valid CRCs and zlib streams, so the decoder's
    /// own paths (sizes, filters, palettes, bit depths) see garbage: every case must render
    /// or throw `.badLogo` — an out-of-range index would trap and end the test process.
    func testLogoDecoderSurvivesRandomImages() throws {
        // EZ360_LOGO_FUZZ_SEED / _CASES explore further; the defaults are what CI runs.
        let environment = ProcessInfo.processInfo.environment
        var random = SplitMix64(seed: environment["EZ360_LOGO_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20261130)
        let cases = environment["EZ360_LOGO_FUZZ_CASES"].flatMap { Int($0) } ?? 150
        let renderer = try PDFRenderer()
        var rendered = 0, refused = 0
        for _ in 0..<cases {
            let width = Int(random.next() % 12) + 1, height = Int(random.next() % 12) + 1
            // Mostly a valid colour type and depth, sometimes not.
            let valid: [(Int, Int)] = [(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2),
                                       (3, 4), (3, 8), (4, 8), (4, 16), (6, 8), (6, 16)]
            let (colorType, bitDepth) = random.next() % 5 == 0
                ? ([0, 1, 2, 3, 4, 5, 6][Int(random.next() % 7)], [1, 2, 3, 4, 8, 16][Int(random.next() % 6)])
                : valid[Int(random.next() % UInt64(valid.count))]
            let interlaced = random.next() % 3 == 0
            let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType] ?? 1
            // Row lengths (with the filter byte) of each pass, or of the one image.
            let passes = interlaced
                ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
                : [(0, 0, 1, 1)]
            var rows: [Int] = []
            for (x0, y0, dx, dy) in passes {
                let passWidth = (width - x0 + dx - 1) / dx, passHeight = (height - y0 + dy - 1) / dy
                if passWidth > 0 { rows += Array(repeating: (passWidth * channels * bitDepth + 7) / 8 + 1, count: max(0, passHeight)) }
            }
            var rawCount = rows.reduce(0, +)
            if random.next() % 6 == 0 { rawCount = Int(random.next() % UInt64(rawCount * 2 + 1)) }
            var raw = (0..<rawCount).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Mostly valid filter bytes, so decoding gets past them.
            var rowStart = 0
            for length in rows {
                if rowStart < raw.count && random.next() % 10 != 0 { raw[rowStart] = UInt8(random.next() % 5) }
                rowStart += length
            }
            let palette = random.next() % 3 == 0 ? nil
                : (0..<Int(random.next() % 8 + 1) * 3).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let transparency = random.next() % 2 == 0 ? nil : (0..<Int(random.next() % 5)).map { _ in UInt8(255) }
            var document = BillingDocument.sample(lineCount: 1)
            document.seller.logoPNG = TestPNG.assemble(
                width: width, height: height, bitDepth: bitDepth, colorType: colorType,
                interlace: interlaced ? 1 : 0, raw: raw, palette: palette, transparency: transparency)
            do {
                _ = try renderer.render(document)
                rendered += 1
            } catch let error as PDFRenderError {
                guard case .badLogo = error else { return XCTFail("\(error)") }
                refused += 1
            }
        }
        print("random logos: \(rendered) rendered, \(refused) refused")
        XCTAssertGreaterThan(rendered, cases / 5)
        XCTAssertGreaterThan(refused, cases / 5)
    }

    func testHostileTextRendersWithQuestionMarks() throws {
        var document = BillingDocument.sample(lineCount: 3)
        let long = String(repeating: "x", count: 10_000)
        let longWords = String(repeating: "lorem ipsum dolor ", count: 600)
        document.buyer.name = "Zoë \u{0}\u{7}\u{1B}[31m 🎉👍🏽 東京 \u{202E}evil"
        document.seller.name = String(repeating: "Long seller name ", count: 500)
        document.seller.addressLines = Array(repeating: "\u{FEFF}\u{200B}line\r\nbreak\t", count: 50)
        document.number = "INV-\u{7F}\u{85}-" + long
        document.lines[0].description = long
        document.lines[1].description = longWords
        document.lines[2].description = "Emoji 😀 and Łódź € and ✓ and 𝔘 and \u{301}combining"
        document.lines[2].amount = long
        document.taxSummary = Array(repeating: .init(label: "🎉", base: long, amount: "1"), count: 5)
        document.notes = String(repeating: "\n", count: 5_000) + "after blank lines" + String(repeating: "\n\n", count: 50)
        document.terms = longWords
        document.footer = longWords
        let path = try renderToFile(document)
        let text = squeezed(try poppler.text(path))
        // NUL, BEL, ESC; 🎉 and 👍🏽 (two scalars); 東京 (not in DejaVu Sans); the RTL override.
        XCTAssertTrue(text.contains("Zoë ???[31m ??? ?? ?evil"), text)
        XCTAssertTrue(text.contains("Emoji ? and Łódź € and ✓ and ? and"), text)
        XCTAssertTrue(text.contains("after blank lines"))
        XCTAssertGreaterThan(try poppler.pageCount(path), 2)   // the 10k-character description flows on
        XCTAssertTrue(text.contains("…"), "cut header fields end with an ellipsis")
    }

    func testEstimateAndCreditNoteHeadings() throws {
        var estimate = BillingDocument.sample(lineCount: 2)
        estimate.kind = .estimate
        estimate.number = "EST-0007"
        estimate.dueDate = "2027-01-15"
        XCTAssertEqual(estimate.dueLabel, "Valid until")
        var text = squeezed(try poppler.text(try renderToFile(estimate)))
        XCTAssertTrue(text.contains("Estimate EST-0007"), text)
        XCTAssertTrue(text.contains("Valid until: 2027-01-15"), text)

        var credit = BillingDocument.sample(lineCount: 2)
        credit.kind = .creditNote
        credit.number = "CN-0001"
        credit.dueDate = nil
        credit.status = nil
        credit.notes = ""
        credit.terms = ""
        credit.paymentInstructions = ""
        credit.footer = ""
        text = squeezed(try poppler.text(try renderToFile(credit)))
        XCTAssertTrue(text.contains("Credit note CN-0001"), text)
        XCTAssertFalse(text.contains("Due:"))
        XCTAssertFalse(text.contains("Payment instructions"))
        XCTAssertEqual(BillingDocument.Kind.allCases.map(\.title), ["Invoice", "Estimate", "Credit note"])
    }

    func testPageSizes() throws {
        let letter = try poppler.info(try renderToFile(.sample(lineCount: 1)))
        XCTAssertTrue(letter.contains("612 x 792 pts"), letter)
        let a4 = try poppler.info(try renderToFile(.sample(lineCount: 1), renderer: PDFRenderer(pageSize: .a4)))
        XCTAssertTrue(a4.contains("595.28 x 841.89 pts"), a4)
    }

    func testCompressionModesAllProduceTheSameText() throws {
        let document = BillingDocument.sample(lineCount: 5)
        var texts: [String] = []
        var sizes: [Int] = []
        for compression in [PDFRenderer.Compression.none, .fast, .all] {
            let pdf = try PDFRenderer(compression: compression).render(document)
            sizes.append(pdf.count)
            texts.append(try poppler.text(try poppler.write(pdf, name: "\(compression).pdf")))
        }
        XCTAssertEqual(Set(texts).count, 1)
        XCTAssertLessThan(sizes[2], sizes[1] / 2, "\(sizes)")
        XCTAssertLessThanOrEqual(sizes[1], sizes[0])
    }

    /// One TrueType font is embedded (a second cost as much render time again); bold text is
    /// that font filled and stroked (text rendering mode 2) and still extracts as text.
    func testOneEmbeddedFontAndSyntheticBold() throws {
        var document = BillingDocument.sample(lineCount: 5)
        let name = "Zoë Ångström, Ελληνικά, Кириллица"
        document.buyer.name = name            // bold, 11 pt
        document.lines[0].description = name  // regular
        let path = try renderToFile(document)
        let fonts = try poppler.fonts(path)
        XCTAssertEqual(fonts.count, 1, "\(fonts)")
        // name, type (two words), encoding, emb, sub, uni, object id: "HPDFAA+DejaVuSans,Book CID TrueType …"
        XCTAssertTrue(fonts.first?.first?.contains("+DejaVuSans,") == true, "\(fonts)")
        XCTAssertEqual(fonts.first?.suffix(5).first, "yes", "embedded: \(fonts)")
        let text = squeezed(try poppler.text(path))
        for bold in ["Invoice INV-202611-0001", "Ångström & Søn Consulting Ltd", "BILL TO", "Unit price", "Balance due"] {
            XCTAssertTrue(text.contains(bold), "missing bold text \(bold): \(text)")
        }
        XCTAssertEqual(text.components(separatedBy: name).count, 3, "the name in bold and regular: \(text)")
        let raw = String(decoding: try PDFRenderer(compression: .none).render(document), as: UTF8.self)
        XCTAssertTrue(raw.contains("\n2 Tr\n"), "bold text is drawn fill-then-stroke")
        XCTAssertTrue(raw.contains(" Tc\n"), "bold text has character spacing")
        XCTAssertFalse(raw.contains("DejaVuSans-Bold"))
    }

    func testSameDocumentSameBytes() throws {
        let renderer = try PDFRenderer()
        XCTAssertEqual(try renderer.render(.sample(lineCount: 4)), try renderer.render(.sample(lineCount: 4)))
    }

    func testMissingOrBogusFontIsAReadableError() throws {
        XCTAssertThrowsError(try PDFRenderer(fontPath: "/nonexistent/font.ttf")) { error in
            XCTAssertEqual(error as? PDFRenderError, .fontMissing(path: "/nonexistent/font.ttf"))
            XCTAssertTrue("\(error)".contains("fonts-dejavu-core"), "\(error)")
        }
        let bogus = try poppler.write(Array("not a font at all, just some text".utf8), name: "bogus.ttf")
        XCTAssertThrowsError(try PDFRenderer(fontPath: bogus)) { error in
            guard case .fontUnusable(let path, _)? = error as? PDFRenderError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, bogus)
        }
    }

    /// A font deleted after the renderer was made: libharu's file error comes back as
    /// `.libharu`, and the failed documents are freed (memory stays flat).
    func testLibharuErrorsThrowAndFreeTheDocument() throws {
        let copy = poppler.directory.appendingPathComponent("copy.ttf").path
        try FileManager.default.copyItem(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", toPath: copy)
        let renderer = try PDFRenderer(fontPath: copy)
        XCTAssertNoThrow(try renderer.render(.sample(lineCount: 1)))
        try FileManager.default.removeItem(atPath: copy)
        XCTAssertThrowsError(try renderer.render(.sample(lineCount: 1))) { error in
            guard case .libharu(let code, _, _)? = error as? PDFRenderError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, 0x1017)   // HPDF_FILE_OPEN_ERROR
            XCTAssertTrue("\(error)".contains("libharu error 0x1017"), "\(error)")
        }
        let before = residentBytes()
        for _ in 0..<200 { _ = try? renderer.render(.sample(lineCount: 1)) }
        XCTAssertLessThan(residentBytes() - before, 16 << 20, "failed renders leak")
    }

    func testRepeatedRendersDoNotLeak() throws {
        let renderer = try PDFRenderer()
        var document = BillingDocument.sample(lineCount: 8)
        document.seller.logoPNG = TestPNG.solid(width: 64, height: 64, rgb: (10, 120, 200))
        for _ in 0..<5 { _ = try renderer.render(document) }
        let before = residentBytes()
        for _ in 0..<60 { _ = try renderer.render(document) }
        XCTAssertLessThan(residentBytes() - before, 24 << 20, "60 renders grew the process by more than 24 MiB")
    }

    /// Prints the cost the decision log records; fails only if rendering is absurdly slow.
    func testRenderCost() throws {
        let five = BillingDocument.sample(lineCount: 5)
        let fast = try PDFRenderer.meanRenderMilliseconds(of: five, iterations: 10)
        let all = try PDFRenderer.meanRenderMilliseconds(of: five, iterations: 10, compression: .all)
        let sixty = try PDFRenderer.meanRenderMilliseconds(of: .sample(lineCount: 60), iterations: 5)
        let sizes = try [PDFRenderer.Compression.none, .fast, .all].map { try PDFRenderer(compression: $0).render(five).count }
        print(String(
            format: "render cost: 5 lines %.1f ms (.fast), %.1f ms (.all); 60 lines %.1f ms (.fast); bytes none/fast/all %d/%d/%d",
            fast, all, sixty, sizes[0], sizes[1], sizes[2]))
        XCTAssertLessThan(fast, 2_000)
    }

    private func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// A small deterministic generator for the random-image test.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

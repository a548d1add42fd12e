import CHaru

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws a `BillingDocument` as a PDF with libharu (Debian libhpdf-dev), the DejaVu Sans
/// TrueType font embedded so any UTF-8 name prints as typed. One font is embedded: bold
/// text is the same font stroked as well as filled (see `Face`), which halves the work
/// libharu does per document for fonts.
///
/// Layout, top to bottom: logo and seller (left) beside the heading "Invoice INV-…" and the
/// dates (right); the bill-to block; the line table, whose header repeats on every page it
/// continues onto; tax summary beside the totals; notes, terms, payment instructions. Every
/// page carries the footer and "Page N of M".
///
/// Hostile text never fails a render: control characters and characters the font lacks
/// (emoji, most scripts outside DejaVu Sans) print as "?", header fields are cut with "…"
/// to fit, and descriptions and free text wrap (breaking inside words too long for the
/// column) and flow onto as many pages as they need.
///
/// A renderer holds the font's metrics (read once, in `init`) and is not thread-safe:
/// use it from one thread at a time (one per worker thread is the intended shape). Each
/// `render` makes and frees its own libharu document, also when it throws.
public final class PDFRenderer {
    /// What libharu deflates. The embedded font is most of a PDF (~300 KB raw: its tables
    /// and a 128 KB CIDToGIDMap). Measured with one embedded font (docs/decisions.md,
    /// 2026-11-30, "One embedded font"): 5 lines ≈ 7.5 ms and 310 KB with `.fast`,
    /// ≈ 12 ms and 95 KB with `.all` (two fonts were ≈ 14 ms / 612 KB and ≈ 23 ms /
    /// 185 KB); PDFs that are sent or stored should use `.all`.
    public enum Compression: Sendable {
        /// Nothing compressed (for debugging the PDF's text).
        case none
        /// Page content and images; the embedded font is written raw (~310 KB PDF).
        case fast
        /// Everything, the font included (~95 KB PDF; ~4–5 ms more per document).
        case all

        var haruMode: HPDF_UINT {
            switch self {
            case .none: HPDF_UINT(HPDF_COMP_NONE)
            case .fast: HPDF_UINT(HPDF_COMP_TEXT | HPDF_COMP_IMAGE)
            case .all: HPDF_UINT(HPDF_COMP_ALL)
            }
        }
    }

    public enum PageSize: Sendable {
        case letter, a4

        var points: (width: Float, height: Float) {
            switch self {
            case .letter: (612, 792)
            case .a4: (595.28, 841.89)
            }
        }
    }

    /// The TrueType font embedded in every PDF (regular and synthetic bold text).
    public let fontPath: String
    public let compression: Compression
    public let pageSize: PageSize
    private let metrics: FontMetrics

    /// Reads the font's metrics now, so a missing font fails here (`.fontMissing`) rather
    /// than on the first invoice.
    public init(
        fontPath: String = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        compression: Compression = .fast,
        pageSize: PageSize = .letter
    ) throws {
        self.fontPath = fontPath
        self.compression = compression
        self.pageSize = pageSize
        metrics = try FontMetrics(path: fontPath)
    }

    /// The PDF's bytes. Throws `PDFRenderError` (a bad logo, a font that vanished, libharu).
    public func render(_ document: BillingDocument) throws -> [UInt8] {
        // The logo is decoded before libharu is involved: a corrupt one costs nothing.
        let logo = try document.seller.logoPNG.map { bytes throws(PDFRenderError) in try PNGImage(bytes) }
        let size = pageSize.points
        let canvas = try PDFCanvas(pageWidth: size.width, pageHeight: size.height, compressionMode: compression.haruMode)
        defer { canvas.close() }
        try canvas.check("creating the document")
        let regular = try canvas.loadFont(path: fontPath, metrics: metrics)
        let bold = regular.emboldened()
        let image = try logo.map { decoded throws(PDFRenderError) in try canvas.loadImage(decoded) }
        var layout = InvoiceLayout(canvas: canvas, document: document, regular: regular, bold: bold, logo: logo, image: image)
        try layout.drawAll()
        return try canvas.save()
    }

    /// Mean wall-clock milliseconds of `render(document)` over `iterations` runs, after one
    /// warm-up run, with a renderer using the default fonts (for the benchmark and tests).
    public static func meanRenderMilliseconds(
        of document: BillingDocument, iterations: Int, compression: Compression = .fast
    ) throws -> Double {
        let renderer = try PDFRenderer(compression: compression)
        _ = try renderer.render(document)
        let runs = max(1, iterations)
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        for _ in 0..<runs { _ = try renderer.render(document) }
        clock_gettime(CLOCK_MONOTONIC, &end)
        let nanoseconds = Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)
        return nanoseconds / 1e6 / Double(runs)
    }
}

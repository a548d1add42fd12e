import CHaru

/// libharu's error for the document being made. libharu calls the handler and then returns
/// an error status from the failing function (it never longjmps or aborts when a handler is
/// set); the canvas keeps the first code and `PDFCanvas.check` turns it into a Swift error.
final class HaruErrorRecord {
    var code: HPDF_STATUS = 0
    var detail: HPDF_STATUS = 0
}

/// A font as libharu draws it and as FontMetrics measures it, regular or synthetic bold.
///
/// Bold is the same embedded font drawn fill-then-stroke (text rendering mode 2) with a
/// stroke `emboldening` thousandths of an em wide, and the same amount of character spacing
/// so the thicker glyphs keep their regular gaps. Embedding a second TrueType font (DejaVu
/// Sans Bold) cost as much again as the first: libharu builds, writes and deflates a
/// 64K-entry CIDToGIDMap and the font's tables for every embedded font of every document
/// (docs/decisions.md, 2026-11-30).
struct Face {
    let handle: HPDF_Font
    let metrics: FontMetrics
    /// Stroke width and extra advance per character, in 1/1000 em; 0 for regular text.
    let emboldening: Int

    init(handle: HPDF_Font, metrics: FontMetrics, emboldening: Int = 0) {
        self.handle = handle
        self.metrics = metrics
        self.emboldening = emboldening
    }

    /// The same font drawn bold: a stroke of 0.05 em takes the stems from 0.09 to 0.14 em
    /// (DejaVu Sans Bold: 0.175); wider strokes run accents and diaeresis dots together.
    func emboldened() -> Face { Face(handle: handle, metrics: metrics, emboldening: 50) }

    /// Advance in 1/1000 em of a printable character, character spacing included.
    func advance(_ scalar: Unicode.Scalar) -> Int { metrics.advance(scalar) + emboldening }

    /// Width in points of printable `text` at `size`, character spacing included.
    func width(_ text: String, size: Float) -> Float {
        let plain = metrics.width(text, size: size)
        guard emboldening > 0 else { return plain }
        return plain + Float(text.unicodeScalars.count * emboldening) * size / 1000
    }
}

/// One libharu document with its pages and the handful of drawing operations the layout
/// uses. Owns the HPDF_Doc: `close()` frees it, on success and on every error path
/// (PDFRenderer calls it from a `defer`).
final class PDFCanvas {
    let document: HPDF_Doc
    let errors: HaruErrorRecord
    let pageWidth: Float
    let pageHeight: Float
    private(set) var pages: [HPDF_Page] = []
    var page: HPDF_Page { pages[pages.count - 1] }

    init(pageWidth: Float, pageHeight: Float, compressionMode: HPDF_UINT) throws(PDFRenderError) {
        let errors = HaruErrorRecord()
        let handler: HPDF_Error_Handler = { code, detail, userData in
            guard let userData else { return }
            let record = Unmanaged<HaruErrorRecord>.fromOpaque(userData).takeUnretainedValue()
            if record.code == 0 {
                record.code = code
                record.detail = detail
            }
        }
        guard let document = HPDF_New(handler, Unmanaged.passUnretained(errors).toOpaque()) else {
            throw .libharu(code: 0x1015, detail: 0, during: "creating the document (out of memory)")
        }
        self.document = document
        self.errors = errors
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        HPDF_SetCompressionMode(document, compressionMode)
        HPDF_UseUTFEncodings(document)
        HPDF_SetInfoAttr(document, HPDF_INFO_CREATOR, "EZ360PM")
    }

    /// Frees the document; the canvas must not be used afterwards.
    func close() {
        HPDF_Free(document)
    }

    /// Throws the first error libharu reported, naming what was being done.
    func check(_ during: String) throws(PDFRenderError) {
        if errors.code != 0 {
            throw .libharu(code: UInt(errors.code), detail: UInt(errors.detail), during: during)
        }
    }

    /// Loads and embeds a TrueType font (libharu subsets the glyph table on save) with the
    /// UTF-8 encoder.
    func loadFont(path: String, metrics: FontMetrics) throws(PDFRenderError) -> Face {
        guard let name = HPDF_LoadTTFontFromFile(document, path, HPDF_TRUE),
            let font = HPDF_GetFont(document, name, "UTF-8")
        else {
            try check("loading the font \(path)")
            throw .fontUnusable(path: path, reason: "libharu could not load it")
        }
        try check("loading the font \(path)")
        return Face(handle: font, metrics: metrics)
    }

    func loadImage(_ image: PNGImage) throws(PDFRenderError) -> HPDF_Image {
        let handle = image.rgb.withUnsafeBufferPointer { pixels in
            HPDF_LoadRawImageFromMem(
                document, pixels.baseAddress, HPDF_UINT(image.width), HPDF_UINT(image.height), HPDF_CS_DEVICE_RGB, 8)
        }
        try check("loading the logo")
        guard let handle else { throw .badLogo(reason: "libharu refused the decoded image") }
        return handle
    }

    func addPage() throws(PDFRenderError) {
        guard let page = HPDF_AddPage(document) else {
            try check("adding page \(pages.count + 1)")
            throw .libharu(code: 0, detail: 0, during: "adding page \(pages.count + 1)")
        }
        HPDF_Page_SetWidth(page, pageWidth)
        HPDF_Page_SetHeight(page, pageHeight)
        pages.append(page)
    }

    /// Draws printable text (see FontMetrics.printable) with its baseline at y. Bold text's
    /// stroke and spacing are set inside q … Q, so they end with it.
    func text(_ text: String, x: Float, y: Float, face: Face, size: Float, gray: Float = 0.1, on target: HPDF_Page? = nil) {
        guard !text.isEmpty else { return }
        let page = target ?? self.page
        let bold = face.emboldening > 0
        let extra = Float(face.emboldening) * size / 1000
        if bold {
            HPDF_Page_GSave(page)
            HPDF_Page_SetTextRenderingMode(page, HPDF_FILL_THEN_STROKE)
            HPDF_Page_SetLineWidth(page, extra)
            HPDF_Page_SetGrayStroke(page, gray)
        }
        HPDF_Page_BeginText(page)
        HPDF_Page_SetFontAndSize(page, face.handle, size)
        HPDF_Page_SetGrayFill(page, gray)
        if bold { HPDF_Page_SetCharSpace(page, extra) }
        HPDF_Page_TextOut(page, x, y, text)
        HPDF_Page_EndText(page)
        if bold { HPDF_Page_GRestore(page) }
    }

    /// Text whose right edge is at `right`.
    func textRight(_ text: String, right: Float, y: Float, face: Face, size: Float, gray: Float = 0.1, on target: HPDF_Page? = nil) {
        self.text(text, x: right - face.width(text, size: size), y: y, face: face, size: size, gray: gray, on: target)
    }

    func line(x1: Float, y1: Float, x2: Float, y2: Float, gray: Float = 0.8, width: Float = 0.5) {
        HPDF_Page_SetGrayStroke(page, gray)
        HPDF_Page_SetLineWidth(page, width)
        HPDF_Page_MoveTo(page, x1, y1)
        HPDF_Page_LineTo(page, x2, y2)
        HPDF_Page_Stroke(page)
    }

    func fill(x: Float, y: Float, width: Float, height: Float, gray: Float) {
        HPDF_Page_SetGrayFill(page, gray)
        HPDF_Page_Rectangle(page, x, y, width, height)
        HPDF_Page_Fill(page)
    }

    func draw(_ image: HPDF_Image, x: Float, y: Float, width: Float, height: Float) {
        HPDF_Page_DrawImage(page, image, x, y, width, height)
    }

    /// The finished PDF. libharu writes it into its memory stream, then it is copied out.
    func save() throws(PDFRenderError) -> [UInt8] {
        try check("drawing the pages")
        HPDF_SaveToStream(document)
        try check("writing the PDF")
        let size = Int(HPDF_GetStreamSize(document))
        guard size > 0 else { throw .libharu(code: 0, detail: 0, during: "writing the PDF (empty stream)") }
        HPDF_ResetStream(document)
        var bytes = [UInt8](repeating: 0, count: size)
        var read = HPDF_UINT32(size)
        bytes.withUnsafeMutableBufferPointer { buffer in
            _ = HPDF_ReadFromStream(document, buffer.baseAddress, &read)
        }
        try check("reading the PDF back")
        guard Int(read) == size else {
            throw .libharu(code: 0, detail: UInt(read), during: "reading the PDF back (short read)")
        }
        return bytes
    }
}

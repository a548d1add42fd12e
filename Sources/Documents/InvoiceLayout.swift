import CHaru

/// Places a BillingDocument on the canvas's pages, top to bottom, starting new pages as
/// the cursor reaches the bottom margin. Page numbers and footers are drawn last, when the
/// page count is known. All sizes are PDF points (1/72 in); y grows upwards.
struct InvoiceLayout {
    let canvas: PDFCanvas
    let document: BillingDocument
    let regular: Face
    let bold: Face
    let logo: PNGImage?
    let image: HPDF_Image?

    private let margin: Float = 48
    private var left: Float { margin }
    private var right: Float { canvas.pageWidth - margin }
    private var contentWidth: Float { right - left }
    private var top: Float { canvas.pageHeight - margin }
    /// The lowest baseline body text may use; the footer lives below it.
    private var bottom: Float = 72
    private var cursor: Float = 0
    private var inTable = false

    private let bodySize: Float = 9
    private let lineHeight: Float = 12
    private let cellPadding: Float = 4

    init(canvas: PDFCanvas, document: BillingDocument, regular: Face, bold: Face, logo: PNGImage?, image: HPDF_Image?) {
        self.canvas = canvas
        self.document = document
        self.regular = regular
        self.bold = bold
        self.logo = logo
        self.image = image
    }

    mutating func drawAll() throws(PDFRenderError) {
        bottom = margin + 14 + Float(footerLines.count) * 9
        try canvas.addPage()
        cursor = top
        drawHeader()
        try drawTable()
        try drawTotals()
        for (title, text) in [
            ("Notes", document.notes), ("Terms", document.terms),
            ("Payment instructions", document.paymentInstructions),
        ] {
            try drawSection(title: title, text: text)
        }
        drawPageFooters()
    }

    // MARK: Header (first page)

    private var heading: String { "\(document.kind.title) \(document.number)" }

    private mutating func drawHeader() {
        // Two halves with a gutter: seller and bill-to on the left, heading and dates right.
        let columnWidth = contentWidth * 0.5 - 8
        var leftY = top
        if let logo, let image {
            let scale = min(160 / Float(logo.width), 56 / Float(logo.height), 1)
            let width = Float(logo.width) * scale, height = Float(logo.height) * scale
            canvas.draw(image, x: left, y: top - height, width: width, height: height)
            leftY = top - height - 8
        }
        leftY = drawParty(document.seller, label: nil, y: leftY, width: columnWidth)

        // The heading shrinks (18 pt down to 12 pt) before it is cut.
        let natural = bold.width(bold.metrics.printable(heading), size: 18)
        let headingSize = natural > columnWidth ? max(12, 18 * columnWidth / natural) : 18
        var rightY = top - 18
        canvas.textRight(
            fit(heading, bold, headingSize, width: columnWidth), right: right, y: rightY, face: bold, size: headingSize)
        rightY -= 8
        var facts = [("Issue date", document.issueDate)]
        if let due = document.dueDate { facts.append((document.dueLabel, due)) }
        if let status = document.status { facts.append(("Status", status)) }
        for (label, value) in facts {
            rightY -= lineHeight + 1
            let shownValue = fit(value, regular, 10, width: columnWidth * 0.58)
            canvas.textRight(shownValue, right: right, y: rightY, face: regular, size: 10)
            let valueWidth = regular.width(shownValue, size: 10)
            canvas.textRight(
                fit(label + ":", regular, 10, width: columnWidth * 0.38), right: right - valueWidth - 6, y: rightY,
                face: regular, size: 10, gray: 0.4)
        }
        cursor = min(leftY, rightY) - 18
        cursor = drawParty(document.buyer, label: "Bill to", y: cursor, width: columnWidth) - 14
    }

    /// Name in bold, then address, email, phone and tax id, each cut to one line; returns
    /// the y below the block.
    private func drawParty(_ party: BillingDocument.Party, label: String?, y start: Float, width: Float) -> Float {
        var y = start
        if let label {
            y -= 9
            canvas.text(label.uppercased(), x: left, y: y, face: bold, size: 8, gray: 0.45)
            y -= 4
        }
        y -= 12
        canvas.text(fit(party.name, bold, 11, width: width), x: left, y: y, face: bold, size: 11)
        var rows = Array(party.addressLines.prefix(8))
        if !party.email.isEmpty { rows.append(party.email) }
        if let phone = party.phone, !phone.isEmpty { rows.append(phone) }
        if let taxId = party.taxId, !taxId.isEmpty { rows.append("Tax ID: \(taxId)") }
        for row in rows {
            y -= lineHeight
            canvas.text(fit(row, regular, bodySize, width: width), x: left, y: y, face: regular, size: bodySize, gray: 0.2)
        }
        return y - 4
    }

    // MARK: Line table

    private struct Column {
        let title: String
        let width: Float
    }

    /// The tax column fits a label like "Sales tax 8.25%" at body size (at 66 pt it was cut
    /// to "Sales tax …"); the description, which wraps, gives up the width.
    private var columns: [Column] {
        let numbers: [Column] = [
            Column(title: "Qty", width: 42), Column(title: "Unit price", width: 74),
            Column(title: "Tax", width: 98), Column(title: "Amount", width: 86),
        ]
        let fixed = numbers.reduce(0) { $0 + $1.width }
        return [Column(title: "Description", width: contentWidth - fixed)] + numbers
    }

    private let headerHeight: Float = 18

    private func drawTableHeader() {
        canvas.fill(x: left, y: cursor - headerHeight, width: contentWidth, height: headerHeight, gray: 0.92)
        var x = left
        let baseline = cursor - 12.5
        for (index, column) in columns.enumerated() {
            if index == 0 {
                canvas.text(column.title, x: x + cellPadding, y: baseline, face: bold, size: 8.5)
            } else {
                canvas.textRight(column.title, right: x + column.width - cellPadding, y: baseline, face: bold, size: 8.5)
            }
            x += column.width
        }
    }

    private mutating func drawTable() throws(PDFRenderError) {
        inTable = true
        defer { inTable = false }
        if cursor - headerHeight - lineHeight * 2 < bottom {
            try newPage()   // draws the header
        } else {
            drawTableHeader()
            cursor -= headerHeight
        }
        let descriptionWidth = columns[0].width - cellPadding * 2
        let pageRoom = top - 30 - headerHeight - bottom
        for line in document.lines {
            let wrapped = wrap(line.description, regular, bodySize, width: descriptionWidth)
            let rowHeight = Float(wrapped.count) * lineHeight + cellPadding * 2
            // Keep a row on one page when it can fit on one; split only rows longer than a page.
            if cursor - rowHeight < bottom && rowHeight <= pageRoom { try newPage() }
            var next = 0
            while next < wrapped.count {
                if cursor - lineHeight - cellPadding * 2 < bottom { try newPage() }
                let room = Int((cursor - bottom - cellPadding * 2) / lineHeight)
                let chunk = wrapped[next..<min(wrapped.count, next + max(1, room))]
                let rowTop = cursor
                var y = cursor - cellPadding - 9
                for text in chunk {
                    canvas.text(text, x: left + cellPadding, y: y, face: regular, size: bodySize)
                    y -= lineHeight
                }
                if next == 0 { drawNumbers(line, baseline: rowTop - cellPadding - 9) }
                cursor -= Float(chunk.count) * lineHeight + cellPadding * 2
                canvas.line(x1: left, y1: cursor, x2: right, y2: cursor)
                next += chunk.count
            }
        }
        cursor -= 16
    }

    private func drawNumbers(_ line: BillingDocument.Line, baseline: Float) {
        var x = left + columns[0].width
        for (column, value) in zip(columns.dropFirst(), [line.quantity, line.unitPrice, line.taxLabel, line.amount]) {
            let shown = fit(value, regular, bodySize, width: column.width - cellPadding * 2)
            canvas.textRight(shown, right: x + column.width - cellPadding, y: baseline, face: regular, size: bodySize)
            x += column.width
        }
    }

    // MARK: Tax summary and totals

    private mutating func drawTotals() throws(PDFRenderError) {
        let totals = document.totals
        var rows: [(String, String, Bool)] = [("Subtotal", totals.subtotal, false)]
        if let discount = totals.discount { rows.append(("Discount", discount, false)) }
        rows.append(("Tax", totals.taxTotal, false))
        rows.append(("Total", totals.total, true))
        if let paid = totals.amountPaid { rows.append(("Amount paid", paid, false)) }
        if let balance = totals.balanceDue { rows.append(("Balance due", balance, true)) }

        let rowHeight: Float = 15
        let taxHeight = document.taxSummary.isEmpty ? 0 : Float(document.taxSummary.count + 1) * rowHeight
        let height = max(Float(rows.count) * rowHeight, taxHeight)
        let sideBySide = height <= top - 30 - bottom
        try ensure(sideBySide ? height : Float(rows.count) * rowHeight)
        let start = cursor

        // Totals, right-aligned in the right half.
        let valueRight = right - cellPadding
        let labelRight = right - 110
        for (label, value, strong) in rows {
            cursor -= rowHeight
            let face = strong ? bold : regular
            let size: Float = strong ? 10.5 : 9.5
            if strong { canvas.line(x1: labelRight - 90, y1: cursor + 11.5, x2: right, y2: cursor + 11.5, gray: 0.6) }
            canvas.textRight(label, right: labelRight, y: cursor, face: face, size: size, gray: strong ? 0.1 : 0.35)
            canvas.textRight(fit(value, face, size, width: 104), right: valueRight, y: cursor, face: face, size: size)
        }
        let totalsEnd = cursor

        // Tax summary: label, base, tax, in the left half.
        guard !document.taxSummary.isEmpty else { return }
        if sideBySide { cursor = start }
        try ensure(rowHeight * 2)
        let labelWidth: Float = 110, numberWidth: Float = 80
        cursor -= rowHeight
        canvas.text("Tax", x: left, y: cursor, face: bold, size: 8.5, gray: 0.35)
        canvas.textRight("Base", right: left + labelWidth + numberWidth, y: cursor, face: bold, size: 8.5, gray: 0.35)
        canvas.textRight("Amount", right: left + labelWidth + numberWidth * 2, y: cursor, face: bold, size: 8.5, gray: 0.35)
        for row in document.taxSummary {
            try ensure(rowHeight)
            cursor -= rowHeight
            canvas.text(fit(row.label, regular, bodySize, width: labelWidth - 6), x: left, y: cursor, face: regular, size: bodySize)
            canvas.textRight(
                fit(row.base, regular, bodySize, width: numberWidth - 6), right: left + labelWidth + numberWidth,
                y: cursor, face: regular, size: bodySize)
            canvas.textRight(
                fit(row.amount, regular, bodySize, width: numberWidth - 6), right: left + labelWidth + numberWidth * 2,
                y: cursor, face: regular, size: bodySize)
        }
        if sideBySide { cursor = min(cursor, totalsEnd) }
    }

    // MARK: Notes, terms, payment instructions

    private mutating func drawSection(title: String, text: String) throws(PDFRenderError) {
        var paragraphs: [[String]] = []
        var previousEmpty = true
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = paragraph.drop { $0 == " " }
            if trimmed.isEmpty {
                // Runs of blank lines become one gap.
                if !previousEmpty { paragraphs.append([]) }
                previousEmpty = true
            } else {
                paragraphs.append(wrap(String(paragraph), regular, bodySize, width: contentWidth))
                previousEmpty = false
            }
        }
        while paragraphs.last?.isEmpty == true { paragraphs.removeLast() }
        guard !paragraphs.isEmpty else { return }
        cursor -= 10
        try ensure(14 + lineHeight)
        cursor -= 11
        canvas.text(title, x: left, y: cursor, face: bold, size: 9.5)
        cursor -= 3
        for paragraph in paragraphs {
            if paragraph.isEmpty { cursor -= lineHeight / 2 }
            for line in paragraph {
                try ensure(lineHeight)
                cursor -= lineHeight
                canvas.text(line, x: left, y: cursor, face: regular, size: bodySize, gray: 0.2)
            }
        }
    }

    // MARK: Pages

    /// Starts a new page when fewer than `height` points are left above the bottom margin.
    private mutating func ensure(_ height: Float) throws(PDFRenderError) {
        if cursor - height < bottom { try newPage() }
    }

    /// A continuation page: a small "Invoice INV-… (continued)" line, and the table header
    /// again when the line table is being drawn.
    private mutating func newPage() throws(PDFRenderError) {
        try canvas.addPage()
        cursor = top - 10
        canvas.text(
            fit("\(heading) (continued)", regular, 8.5, width: contentWidth), x: left, y: cursor, face: regular,
            size: 8.5, gray: 0.45)
        cursor -= 20
        if inTable {
            drawTableHeader()
            cursor -= headerHeight
        }
    }

    private var footerLines: [String] {
        Array(wrap(document.footer, regular, 7.5, width: contentWidth - 80).prefix(3))
    }

    private func drawPageFooters() {
        let count = canvas.pages.count
        let lines = footerLines
        for (index, page) in canvas.pages.enumerated() {
            var y = margin - 8 + Float(lines.count - 1) * 9
            for line in lines {
                canvas.text(line, x: left, y: y, face: regular, size: 7.5, gray: 0.45, on: page)
                y -= 9
            }
            canvas.textRight("Page \(index + 1) of \(count)", right: right, y: margin - 8, face: regular, size: 7.5, gray: 0.45, on: page)
        }
    }

    // MARK: Text fitting

    /// One printable line no wider than `width`, cut with "…" when it is longer.
    private func fit(_ text: String, _ face: Face, _ size: Float, width: Float) -> String {
        let printable = face.metrics.printable(text)
        guard face.width(printable, size: size) > width else { return printable }
        let limit = Int(width * 1000 / size) - face.advance("…")
        var units = 0
        var kept = String.UnicodeScalarView()
        for scalar in printable.unicodeScalars {
            units += face.advance(scalar)
            if units > limit { break }
            kept.append(scalar)
        }
        return String(kept) + "…"
    }

    /// Printable lines no wider than `width`: greedy by words, and a word wider than the
    /// line is broken between characters (a 10,000-character token still wraps).
    private func wrap(_ text: String, _ face: Face, _ size: Float, width: Float) -> [String] {
        let limit = max(1, Int(width * 1000 / size))
        let space = face.advance(" ")
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var lineUnits = 0
        for word in face.metrics.printable(text).unicodeScalars.split(separator: " ") {
            var wordUnits = 0
            for scalar in word { wordUnits += face.advance(scalar) }
            if !line.isEmpty && lineUnits + space + wordUnits <= limit {
                line.append(" ")
                line.append(contentsOf: word)
                lineUnits += space + wordUnits
                continue
            }
            if !line.isEmpty { lines.append(String(line)) }
            line = String.UnicodeScalarView()
            lineUnits = 0
            for scalar in word {
                let advance = face.advance(scalar)
                if !line.isEmpty && lineUnits + advance > limit {
                    lines.append(String(line))
                    line = String.UnicodeScalarView()
                    lineUnits = 0
                }
                line.append(scalar)
                lineUnits += advance
            }
        }
        if !line.isEmpty { lines.append(String(line)) }
        return lines.isEmpty ? [""] : lines
    }
}

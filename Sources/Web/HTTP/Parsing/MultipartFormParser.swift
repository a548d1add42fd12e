#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Domain

/// Streams a multipart/form-data body (RFC 7578, framing of RFC 2046 §5.1.1): text parts
/// become fields, file parts go straight to disk as they arrive, so memory stays bounded
/// by one read chunk plus one part's headers plus one text field, whatever the upload size.
public enum MultipartFormParser {
    /// Bytes asked of the body stream per read.
    static let chunkSize = 64 * 1024

    /// Parses the whole form. Reading stops at the closing boundary; the epilogue, if any,
    /// is left unread.
    ///
    /// A part whose Content-Disposition has a `filename` parameter is a file; with an empty
    /// filename and no content (a file input left empty) it yields nothing. Files are
    /// created with mode 0600 under random names in `temporaryDirectory`, which should not
    /// be served by nginx. On any error, files already written are deleted before throwing.
    public static func parse(
        contentType: String,
        body: inout some BodyStream,
        temporaryDirectory: String,
        limits: MultipartLimits = .default
    ) throws(MultipartError) -> MultipartForm {
        let boundary = try boundary(fromContentType: contentType)
        var reader = MultipartReader(boundary: boundary, temporaryDirectory: temporaryDirectory, limits: limits)
        do throws(MultipartError) {
            return try reader.read(&body)
        } catch {
            reader.discardFiles()
            throw error
        }
    }

    /// The boundary, checked against RFC 2046's grammar: 1 to 70 of a restricted set of
    /// characters, not ending in a space. Refusing anything else keeps the delimiter search
    /// simple and bounded.
    static func boundary(fromContentType contentType: String) throws(MultipartError) -> [UInt8] {
        let (mediaType, parameters) = HeaderValue.parameters(contentType)
        guard mediaType == "multipart/form-data" else { throw .notMultipartFormData }
        guard let boundary = parameters["boundary"], !boundary.isEmpty else { throw .missingBoundary }
        let bytes = Array(boundary.utf8)
        guard bytes.count <= 70, bytes.last != ASCII.space, bytes.allSatisfy(isBoundaryByte) else {
            throw .malformed("invalid boundary in Content-Type")
        }
        return bytes
    }

    private static func isBoundaryByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            "'()+_,-./:=? ".utf8.contains(byte)
        }
    }
}

/// The parser's state while one body is read. The body stream is passed to each method
/// that reads instead of being stored, because the caller owns it `inout`.
struct MultipartReader {
    private static let headerTerminator: [UInt8] = [
        ASCII.carriageReturn, ASCII.lineFeed, ASCII.carriageReturn, ASCII.lineFeed,
    ]

    /// CRLF "--" boundary: the line break before a boundary belongs to the delimiter, not
    /// to the content before it.
    private let delimiter: [UInt8]
    private let temporaryDirectory: String
    private let limits: MultipartLimits

    /// Unconsumed bytes start at `head`. It starts with a CRLF that was never sent, so a
    /// body that opens directly with `--boundary` matches the same delimiter as the rest.
    private var buffer: [UInt8] = [ASCII.carriageReturn, ASCII.lineFeed]
    private var head = 0
    private var totalBytes = 0
    private var partCount = 0

    private var fields = FormData()
    private var files: [UploadedFile] = []
    private var oversizedFileFields: [String] = []
    /// Every file created so far, including the one being written, for cleanup on error.
    private var createdFiles: [String] = []

    /// The part whose content is being streamed; neither while in the preamble.
    private var textPart: (name: String, value: [UInt8])?
    private var filePart: FilePart?

    private struct FilePart {
        let fieldName: String
        let filename: String
        let declaredContentType: String?
        var file: TemporaryFile?
        var size = 0
        /// Over the size limit and being skipped (`skipsOversizedFiles`).
        var oversized = false
    }

    init(boundary: [UInt8], temporaryDirectory: String, limits: MultipartLimits) {
        delimiter = [ASCII.carriageReturn, ASCII.lineFeed, ASCII.dash, ASCII.dash] + boundary
        self.temporaryDirectory = temporaryDirectory
        self.limits = limits
    }

    mutating func read(_ body: inout some BodyStream) throws(MultipartError) -> MultipartForm {
        try streamUntilDelimiter(&body)  // the preamble, discarded
        while true {
            guard try ensureAvailable(2, &body) else { throw .truncated }
            if buffer[head] == ASCII.dash, buffer[head + 1] == ASCII.dash {
                return MultipartForm(fields: fields, files: files, oversizedFileFields: oversizedFileFields)
            }
            partCount += 1
            guard partCount <= limits.maxParts else { throw .tooManyParts }
            let headers = try parseHeaderBlock(try readHeaderBlock(&body))
            try beginPart(headers)
            try streamUntilDelimiter(&body)
            try endPart()
        }
    }

    /// Deletes every file this reader created; used when parsing fails.
    mutating func discardFiles() {
        filePart?.file?.discard()
        filePart = nil
        for path in createdFiles {
            _ = unlink(path)
        }
        createdFiles = []
    }

    // MARK: Reading

    /// Appends one chunk; false at the end of the body.
    private mutating func fill(_ body: inout some BodyStream) throws(MultipartError) -> Bool {
        if head > 0 {
            buffer.removeSubrange(..<head)
            head = 0
        }
        // One byte more than the budget, so an oversized body is detected, not cut short.
        let budget = limits.maxTotalBytes - totalBytes + 1
        let chunk: [UInt8]
        do {
            chunk = try body.read(maxLength: min(MultipartFormParser.chunkSize, budget))
        } catch {
            throw .readFailed(String(describing: error))
        }
        guard !chunk.isEmpty else { return false }
        totalBytes += chunk.count
        guard totalBytes <= limits.maxTotalBytes else { throw .tooLarge }
        buffer.append(contentsOf: chunk)
        return true
    }

    private mutating func ensureAvailable(_ count: Int, _ body: inout some BodyStream) throws(MultipartError) -> Bool {
        while buffer.count - head < count {
            guard try fill(&body) else { return false }
        }
        return true
    }

    /// Hands the content before the next delimiter to the current part, then consumes the
    /// delimiter. Content that cannot be the start of a delimiter is handed over before
    /// more is read, which is what keeps a large file out of memory.
    private mutating func streamUntilDelimiter(_ body: inout some BodyStream) throws(MultipartError) {
        var searchFrom = head
        while true {
            if let match = Self.firstIndex(of: delimiter, in: buffer, from: searchFrom) {
                try consume(buffer[head..<match])
                head = match + delimiter.count
                return
            }
            let safeEnd = buffer.count - (delimiter.count - 1)
            if safeEnd > head {
                try consume(buffer[head..<safeEnd])
                head = safeEnd
            }
            guard try fill(&body) else { throw .truncated }
            searchFrom = head
        }
    }

    /// The bytes between the end of the boundary and the blank line: the rest of the
    /// boundary line (transport padding) followed by the header lines.
    private mutating func readHeaderBlock(_ body: inout some BodyStream) throws(MultipartError) -> ArraySlice<UInt8> {
        var searchFrom = head
        while true {
            if let match = Self.firstIndex(of: Self.headerTerminator, in: buffer, from: searchFrom) {
                guard match - head <= limits.maxHeaderBytes else { throw .headerTooLarge }
                let block = buffer[head..<match]
                head = match + Self.headerTerminator.count
                return block
            }
            // Any terminator still to come starts at or after count - 3, so the block is
            // already known to be too long.
            guard buffer.count - head <= limits.maxHeaderBytes + 3 else { throw .headerTooLarge }
            let scanned = buffer.count - head
            guard try fill(&body) else { throw .truncated }
            searchFrom = head + max(0, scanned - (Self.headerTerminator.count - 1))
        }
    }

    // MARK: Parts

    private func parseHeaderBlock(_ block: ArraySlice<UInt8>) throws(MultipartError) -> [(name: String, value: String)] {
        guard String(validating: block, as: UTF8.self) != nil else {
            throw .malformed("part headers are not valid UTF-8")
        }
        var lines = Self.lines(of: block)
        let padding = lines.removeFirst()
        guard padding.allSatisfy(ASCII.isWhitespace) else {
            throw .malformed("text after a boundary on the same line")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard !line.contains(where: { $0 == ASCII.carriageReturn || $0 == ASCII.lineFeed || $0 == 0 }) else {
                throw .malformed("stray CR, LF or NUL in part headers")
            }
            if let first = line.first, ASCII.isWhitespace(first) {
                // An obsolete folded line continues the previous header.
                guard let last = headers.indices.last else {
                    throw .malformed("part headers start with a folded line")
                }
                headers[last].value += " " + String(decoding: ASCII.trimmed(line), as: UTF8.self)
                continue
            }
            guard let colon = line.firstIndex(of: ASCII.colon) else {
                throw .malformed("part header line without a colon")
            }
            headers.append((
                name: ASCII.lowercasedString(ASCII.trimmed(line[..<colon])),
                value: String(decoding: ASCII.trimmed(line[(colon + 1)...]), as: UTF8.self)
            ))
        }
        return headers
    }

    private mutating func beginPart(_ headers: [(name: String, value: String)]) throws(MultipartError) {
        guard let disposition = headers.first(where: { $0.name == "content-disposition" })?.value else {
            throw .malformed("part without Content-Disposition")
        }
        let (dispositionType, parameters) = HeaderValue.parameters(disposition)
        guard dispositionType == "form-data", let name = parameters["name"] else {
            throw .malformed("part without Content-Disposition: form-data; name=…")
        }
        guard name.utf8.count <= limits.fields.maxNameBytes else { throw .field(.fieldTooLong) }

        if let filename = parameters["filename"] {
            var part = FilePart(
                fieldName: name,
                filename: DisplayFilename.sanitized(filename),
                declaredContentType: headers.first(where: { $0.name == "content-type" })?.value
            )
            // An empty filename is how browsers send an untouched file input; its file is
            // created only if content turns up.
            if !filename.isEmpty {
                part.file = try createFile()
            }
            filePart = part
        } else {
            guard fields.count < limits.fields.maxFields else { throw .field(.tooManyFields) }
            textPart = (name: name, value: [])
        }
    }

    private mutating func consume(_ bytes: ArraySlice<UInt8>) throws(MultipartError) {
        guard !bytes.isEmpty else { return }
        if textPart != nil {
            guard let count = textPart?.value.count, count + bytes.count <= limits.fields.maxValueBytes else {
                throw .field(.fieldTooLong)
            }
            textPart?.value.append(contentsOf: bytes)
        } else if let part = filePart {
            if part.oversized { return }
            guard part.size + bytes.count <= limits.maxFileBytes else {
                guard limits.skipsOversizedFiles else { throw .fileTooLarge(fieldName: part.fieldName) }
                // Drop what was written; the rest of this part is read and ignored.
                if let file = part.file {
                    file.discard()
                    createdFiles.removeAll { $0 == file.path }
                }
                filePart?.file = nil
                filePart?.oversized = true
                return
            }
            if part.file == nil {
                let file = try createFile()
                filePart?.file = file
            }
            filePart?.size += bytes.count
            try filePart?.file?.append(bytes)
        }
    }

    private mutating func endPart() throws(MultipartError) {
        if let part = textPart {
            textPart = nil
            guard let value = String(validating: part.value, as: UTF8.self) else { throw .field(.invalidUTF8) }
            fields.append(part.name, value)
        } else if let part = filePart {
            if part.oversized {
                filePart = nil
                oversizedFileFields.append(part.fieldName)
                return
            }
            guard let file = part.file else {
                filePart = nil
                return
            }
            // Cleared first: after a failed close the descriptor is gone and must not be
            // closed again by `discardFiles`, which still deletes the path.
            filePart = nil
            try file.finish()
            files.append(UploadedFile(
                fieldName: part.fieldName,
                filename: part.filename,
                declaredContentType: part.declaredContentType,
                path: file.path,
                size: part.size
            ))
        }
    }

    private mutating func createFile() throws(MultipartError) -> TemporaryFile {
        let file = try TemporaryFile.create(in: temporaryDirectory)
        createdFiles.append(file.path)
        return file
    }

    // MARK: Bytes

    private static func lines(of block: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = block.startIndex
        var index = block.startIndex
        while index + 1 < block.endIndex {
            if block[index] == ASCII.carriageReturn, block[index + 1] == ASCII.lineFeed {
                lines.append(block[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(block[start...])
        return lines
    }

    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count - start >= pattern.count else { return nil }
        return bytes.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                var index = start
                let last = haystack.count - needle.count
                while index <= last {
                    if haystack[index] == first {
                        var matched = 1
                        while matched < needle.count, haystack[index + matched] == needle[matched] {
                            matched += 1
                        }
                        if matched == needle.count { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}

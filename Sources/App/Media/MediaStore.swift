#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Domain

/// Private uploaded files (receipts now; project files later) under
/// `$EZ360_DATA_DIR/media/`, outside any web root. nginx serves one only when the app,
/// after its permission check, answers with `X-Accel-Redirect` (`Response.accelRedirect`).
///
/// Intended use by a use case that attaches a file to a row:
///
/// ```swift
/// let stored = try app.media.store(uploadedFilePath: upload.path, originalFilename: upload.filename,
///                                  category: .receipts, companyId: actor.companyId)
/// do {
///     try database.write { db in /* insert the row with stored.key.value, size, sha256 …, audit */ }
/// } catch {
///     app.media.delete(stored.key)   // the row never existed: nothing may point at the file
///     throw error
/// }
/// ```
///
/// File first, row second: a crash in between leaves at worst an orphan file (harmless, and
/// findable by a check that compares the directory with the table), never a row whose file is
/// missing. Deleting a row's file happens after its transaction commits, for the same reason.
public struct MediaStore: Sendable {
    /// `$EZ360_DATA_DIR/media`.
    public let directory: String

    /// Bytes copied per read.
    static let chunkSize = 64 * 1024

    public init(dataDirectory: String) {
        directory = (dataDirectory.hasSuffix("/") ? String(dataDirectory.dropLast()) : dataDirectory) + "/media"
    }

    /// Where the file of `key` is (or would be). Safe to build from any `MediaKey`: keys
    /// cannot contain `..` or stray slashes.
    public func absolutePath(for key: MediaKey) -> String {
        directory + "/" + key.value
    }

    /// Checks the upload and copies it under a new random name in the category's directory of
    /// the company, synced to disk before this returns.
    ///
    /// The kind is read from the file's first bytes (`FileSignature`), never from its name or
    /// declared type. Empty files, files over `category.maxBytes` and kinds the category does
    /// not accept are refused with a message for the user. The upload itself is left where it
    /// is (the request removes its temporary files).
    public func store(uploadedFilePath: String, originalFilename: String, category: MediaCategory,
                      companyId: Int64) throws(MediaError) -> StoredMedia {
        let source = open(uploadedFilePath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard source >= 0 else { throw .storageFailed("cannot open the upload \(uploadedFilePath): \(Self.describe(errno))") }
        defer { _ = close(source) }

        var status = stat()
        guard fstat(source, &status) == 0 else { throw .storageFailed("cannot stat the upload: \(Self.describe(errno))") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .storageFailed("the upload is not a regular file") }
        guard status.st_size > 0 else { throw .empty }
        guard status.st_size <= category.maxBytes else { throw .tooLarge(category) }

        let prefix = try Self.readPrefix(source, count: FileSignature.prefixLength)
        guard let kind = FileSignature.detect(prefix), category.acceptedKinds.contains(kind) else {
            throw .unsupportedType(category)
        }
        guard let key = MediaKey(category: category, companyId: companyId,
                                 randomBytes: SecureRandom.bytes(MediaKey.randomByteCount), kind: kind) else {
            throw .storageFailed("no media key for company \(companyId)")
        }

        try makeDirectories(for: key)
        let path = absolutePath(for: key)
        let (size, sha256) = try Self.copy(from: source, to: path, category: category)
        guard size > 0 else {
            _ = unlink(path)
            throw .empty
        }
        try Self.syncDirectory(directory + "/" + key.directory)
        return StoredMedia(key: key, size: size, sha256: sha256, originalFilename: DisplayFilename.sanitized(originalFilename),
                           kind: kind)
    }

    /// Removes the file of `key`; false when there was none (already deleted, never written).
    @discardableResult
    public func delete(_ key: MediaKey) -> Bool {
        unlink(absolutePath(for: key)) == 0
    }

    // MARK: Directories

    /// `media/`, `media/<category>/`, `media/<category>/<company>/`, each created when missing
    /// with mode 0750 and never chmod-ed afterwards: in production `media/` is setgid group
    /// www-data (docs/operations.md), Linux gives new subdirectories the same group and setgid
    /// bit, and a chmod by a user outside that group would clear the setgid bit.
    private func makeDirectories(for key: MediaKey) throws(MediaError) {
        var path = directory
        var parent: String?
        for component in [nil, key.category.directoryName, String(key.companyId)] {
            if let component {
                parent = path
                path += "/" + component
            }
            if mkdir(path, 0o750) == 0 {
                // The new entry must survive a power cut as well as the file inside it.
                if let parent { try Self.syncDirectory(parent) }
                continue
            }
            let error = errno
            var status = stat()
            guard error == EEXIST, stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
                throw .storageFailed("cannot create the directory \(path): \(Self.describe(error))")
            }
        }
    }

    // MARK: Files

    /// Up to `count` bytes from the start of the file, fewer only at its end.
    private static func readPrefix(_ descriptor: Int32, count: Int) throws(MediaError) -> [UInt8] {
        var prefix = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = prefix.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, count - filled, off_t(filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .storageFailed("cannot read the upload: \(describe(errno))")
            }
            if got == 0 { break }
            filled += got
        }
        return Array(prefix[..<filled])
    }

    /// Copies the whole of `source` into a new file at `path` (0640, never an existing file or
    /// a symlink), hashing as it goes, then fsyncs it. Counts what it copies rather than
    /// trusting the size read earlier (the
    /// upload could have grown since). On any failure the new file is removed.
    private static func copy(from source: Int32, to path: String, category: MediaCategory) throws(MediaError) -> (Int, String) {
        let target = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard target >= 0 else { throw .storageFailed("cannot create \(path): \(describe(errno))") }
        var closed = false
        var succeeded = false
        defer {
            if !closed { _ = close(target) }
            if !succeeded { _ = unlink(path) }
        }
        // Exactly 0640 whatever the umask: the owner writes, nginx's group reads.
        _ = fchmod(target, 0o640)

        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var total = 0
        var offset: off_t = 0
        while true {
            let got = buffer.withUnsafeMutableBytes { raw in pread(source, raw.baseAddress!, chunkSize, offset) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .storageFailed("cannot read the upload: \(describe(errno))")
            }
            if got == 0 { break }
            total += got
            offset += off_t(got)
            guard total <= category.maxBytes else { throw .tooLarge(category) }
            hasher.update(data: buffer[..<got])
            try writeAll(target, buffer[..<got], path: path)
        }
        guard fsync(target) == 0 else { throw .storageFailed("cannot sync \(path): \(describe(errno))") }
        closed = true
        guard close(target) == 0 else { throw .storageFailed("cannot close \(path): \(describe(errno))") }
        succeeded = true
        return (total, hex(Array(hasher.finalize())))
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>, path: String) throws(MediaError) {
        let failure: Int32 = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            var written = 0
            while written < raw.count {
                let result = write(descriptor, base + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return 0
        }
        if failure != 0 { throw .storageFailed("cannot write \(path): \(describe(failure))") }
    }

    /// fsync on the directory makes its new entries durable (POSIX leaves that to the caller).
    private static func syncDirectory(_ path: String) throws(MediaError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .storageFailed("cannot open \(path): \(describe(errno))") }
        defer { _ = close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .storageFailed("cannot sync \(path): \(describe(errno))") }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes.count)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}

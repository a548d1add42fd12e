#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A new upload file written through a raw descriptor: created with O_EXCL and
/// O_NOFOLLOW at mode 0600 in one call, so no other user can read it and a planted
/// symlink or existing file cannot be written through, which FileManager does not promise.
struct TemporaryFile {
    let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// A file with a random 128-bit name in `directory`.
    static func create(in directory: String) throws(MultipartError) -> TemporaryFile {
        let separator = directory.hasSuffix("/") ? "" : "/"
        var lastError: Int32 = 0
        // A collision of 128 random bits means something else is wrong; retry only a few times.
        for _ in 0..<4 {
            var generator = SystemRandomNumberGenerator()
            let random = (0..<2).map { _ in hex(generator.next() as UInt64) }.joined()
            let path = directory + separator + "ez360-upload-" + random
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                // The umask can only remove bits; this pins the mode to exactly 0600.
                _ = fchmod(descriptor, 0o600)
                return TemporaryFile(path: path, descriptor: descriptor)
            }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw .storageFailed("cannot create a file in \(directory): \(describe(lastError))")
    }

    func append(_ bytes: ArraySlice<UInt8>) throws(MultipartError) {
        let failure: Int32 = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        if failure != 0 {
            throw .storageFailed("cannot write \(path): \(Self.describe(failure))")
        }
    }

    /// Closes the descriptor; a failed close can mean lost data on some filesystems.
    func finish() throws(MultipartError) {
        if close(descriptor) != 0 {
            throw .storageFailed("cannot close \(path): \(Self.describe(errno))")
        }
    }

    /// For error paths: the file is being thrown away, so its close result does not matter.
    func discard() {
        _ = close(descriptor)
        _ = unlink(path)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}

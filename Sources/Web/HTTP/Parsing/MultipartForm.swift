#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed multipart/form-data body: its text fields and its files on disk.
public struct MultipartForm: Sendable, Equatable {
    public var fields: FormData
    public var files: [UploadedFile]
    /// Field names of file parts skipped for being over the size limit
    /// (`MultipartLimits.skipsOversizedFiles`).
    public var oversizedFileFields: [String]

    public init(fields: FormData = FormData(), files: [UploadedFile] = [], oversizedFileFields: [String] = []) {
        self.fields = fields
        self.files = files
        self.oversizedFileFields = oversizedFileFields
    }

    /// The first file sent under `fieldName`.
    public func file(_ fieldName: String) -> UploadedFile? {
        files.first { $0.fieldName == fieldName }
    }

    /// Deletes every temporary file that is still there. Call it once the request is done,
    /// after moving the files worth keeping; files already moved are simply skipped.
    public func removeTemporaryFiles() {
        for file in files {
            _ = unlink(file.path)
        }
    }
}

import Crypto
import Domain
import Foundation
import Testing
@testable import App

@Suite struct MediaStoreTests {
    /// A data directory of its own, removed afterwards, with a scratch folder for "uploads".
    final class Scratch {
        let dataDirectory: String
        let store: MediaStore

        init() throws {
            dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ez360-media-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dataDirectory + "/tmp", withIntermediateDirectories: true)
            store = MediaStore(dataDirectory: dataDirectory)
        }

        deinit { try? FileManager.default.removeItem(atPath: dataDirectory) }

        func upload(_ bytes: [UInt8]) throws -> String {
            let path = dataDirectory + "/tmp/upload-\(UUID().uuidString)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static let pdf = Array("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [UInt8](repeating: 0x42, count: 100) + [0xFF, 0xD9]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 40)
    static let heic: [UInt8] = [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8) + [1, 2, 3]

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func storesReadsBackAndDeletes() throws {
        let scratch = try Scratch()
        let upload = try scratch.upload(Self.pdf)
        let stored = try scratch.store.store(uploadedFilePath: upload, originalFilename: "../March receipt.pdf",
                                             category: .receipts, companyId: 7)
        #expect(stored.kind == .pdf)
        #expect(stored.contentType == "application/pdf")
        #expect(stored.size == Self.pdf.count)
        #expect(stored.sha256 == Self.sha256Hex(Self.pdf))
        #expect(stored.originalFilename == "March receipt.pdf")
        #expect(stored.key.companyId == 7)
        #expect(MediaKey(parsing: stored.key.value) == stored.key)

        let path = scratch.store.absolutePath(for: stored.key)
        #expect(path == scratch.dataDirectory + "/media/" + stored.key.value)
        #expect(contents(path) == Self.pdf)
        #expect(try mode(path) == 0o640)
        // Copied, not moved: the request still owns (and removes) its upload.
        #expect(contents(upload) == Self.pdf)

        #expect(scratch.store.delete(stored.key))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!scratch.store.delete(stored.key))
    }

    @Test func everyAcceptedKindIsStoredWithItsExtension() throws {
        let scratch = try Scratch()
        for (bytes, kind) in [(Self.jpeg, FileKind.jpeg), (Self.png, .png), (Self.pdf, .pdf), (Self.heic, .heic)] {
            // The name says nothing; the bytes decide.
            let stored = try scratch.store.store(uploadedFilePath: try scratch.upload(bytes), originalFilename: "scan.txt",
                                                 category: .receipts, companyId: 1)
            #expect(stored.kind == kind)
            #expect(stored.key.value.hasSuffix("." + kind.fileExtension))
            #expect(contents(scratch.store.absolutePath(for: stored.key)) == bytes)
        }
    }

    @Test func filesLandUnderMediaReceiptsCompany() throws {
        let scratch = try Scratch()
        let first = try scratch.store.store(uploadedFilePath: try scratch.upload(Self.png), originalFilename: "a.png",
                                            category: .receipts, companyId: 3)
        let second = try scratch.store.store(uploadedFilePath: try scratch.upload(Self.png), originalFilename: "a.png",
                                             category: .receipts, companyId: 4)
        let three = scratch.dataDirectory + "/media/receipts/3"
        let four = scratch.dataDirectory + "/media/receipts/4"
        #expect(try FileManager.default.contentsOfDirectory(atPath: three) == [first.key.name + ".png"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: four) == [second.key.name + ".png"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dataDirectory + "/media").sorted() == ["receipts"])
        for directory in [scratch.dataDirectory + "/media", scratch.dataDirectory + "/media/receipts", three, four] {
            // 0750 asked; the umask may only take bits away, never give group write or others access.
            #expect(try mode(directory) & 0o727 == 0o700, "\(directory)")
        }
    }

    @Test func theSameFileTwiceGetsTwoRandomNames() throws {
        let scratch = try Scratch()
        let upload = try scratch.upload(Self.jpeg)
        let first = try scratch.store.store(uploadedFilePath: upload, originalFilename: "r.jpg", category: .receipts, companyId: 1)
        let second = try scratch.store.store(uploadedFilePath: upload, originalFilename: "r.jpg", category: .receipts, companyId: 1)
        #expect(first.key != second.key)
        #expect(first.key.name != second.key.name)
        #expect(first.sha256 == second.sha256)
        #expect(contents(scratch.store.absolutePath(for: first.key)) == contents(scratch.store.absolutePath(for: second.key)))
    }

    @Test func emptyFilesAreRefused() throws {
        let scratch = try Scratch()
        #expect(throws: MediaError.empty) {
            try scratch.store.store(uploadedFilePath: try scratch.upload([]), originalFilename: "r.pdf",
                                    category: .receipts, companyId: 1)
        }
        #expect(MediaError.empty.userMessage == "The file is empty. Choose the file again.")
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDirectory + "/media/receipts"))
    }

    @Test func theCategoryLimitIsInclusive() throws {
        let scratch = try Scratch()
        let limit = MediaCategory.receipts.maxBytes
        let atLimit = Self.pdf + [UInt8](repeating: 0x20, count: limit - Self.pdf.count)
        let stored = try scratch.store.store(uploadedFilePath: try scratch.upload(atLimit), originalFilename: "big.pdf",
                                             category: .receipts, companyId: 1)
        #expect(stored.size == limit)
        #expect(stored.sha256 == Self.sha256Hex(atLimit))

        #expect(throws: MediaError.tooLarge(.receipts)) {
            try scratch.store.store(uploadedFilePath: try scratch.upload(atLimit + [0x20]), originalFilename: "big.pdf",
                                    category: .receipts, companyId: 1)
        }
        #expect(MediaError.tooLarge(.receipts).userMessage == "The file is larger than 10 MB. Upload a smaller scan or photo.")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dataDirectory + "/media/receipts/1").count == 1)
    }

    @Test(arguments: [
        Array("just some text, named receipt.jpg\n".utf8),
        Array("<html><script>alert(document.cookie)</script></html>".utf8),
        Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8),
        [0x00, 0xFF, 0xD8, 0xFF, 0xE0],
        [0xFF, 0xD8],
        [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00],
    ])
    func unknownTypesAreRefusedWhateverTheName(bytes: [UInt8]) throws {
        let scratch = try Scratch()
        #expect(throws: MediaError.unsupportedType(.receipts)) {
            try scratch.store.store(uploadedFilePath: try scratch.upload(bytes), originalFilename: "receipt.jpg",
                                    category: .receipts, companyId: 1)
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDirectory + "/media/receipts"))
    }

    @Test func unsupportedTypeMessageNamesTheKinds() {
        #expect(MediaError.unsupportedType(.receipts).userMessage
            == "That file is not a JPEG, PNG, PDF or HEIC file. Upload a photo or scan in one of those formats.")
    }

    @Test func storageFailuresHaveNoUserMessage() throws {
        let scratch = try Scratch()
        let error = #expect(throws: MediaError.self) {
            try scratch.store.store(uploadedFilePath: scratch.dataDirectory + "/tmp/missing", originalFilename: "r.pdf",
                                    category: .receipts, companyId: 1)
        }
        guard case .storageFailed = error else {
            Issue.record("expected storageFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.userMessage == nil)
        #expect(error?.message == "The file could not be saved. Try again later.")
    }

    @Test func aSymlinkedUploadIsNotFollowed() throws {
        let scratch = try Scratch()
        let target = try scratch.upload(Self.pdf)
        let link = scratch.dataDirectory + "/tmp/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: MediaError.self) {
            try scratch.store.store(uploadedFilePath: link, originalFilename: "r.pdf", category: .receipts, companyId: 1)
        }
    }

    @Test func theAppHasAStoreInItsDataDirectory() throws {
        try withTestApp { t in
            #expect(t.app.media.directory == t.directory + "/media")
            let stored = try t.app.media.store(uploadedFilePath: try Scratch.write(Self.pdf, in: t.directory),
                                               originalFilename: "r.pdf", category: .receipts, companyId: 2)
            #expect(FileManager.default.fileExists(atPath: t.directory + "/media/" + stored.key.value))
        }
    }
}

extension MediaStoreTests.Scratch {
    static func write(_ bytes: [UInt8], in directory: String) throws -> String {
        let path = directory + "/upload-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

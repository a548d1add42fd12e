import Testing
@testable import Domain

@Suite("FileSignature")
struct FileSignatureTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
    static let pdf: [UInt8] = Array("%PDF-1.7\n%\u{E2}\u{E3}".utf8)

    /// An `ftyp` box as an iPhone writes it: size 0x18, major brand, minor version, brands.
    static func ftyp(_ brand: String, size: UInt32 = 0x18) -> [UInt8] {
        let sizeBytes = [UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]
        return sizeBytes + Array("ftyp".utf8) + Array(brand.utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8)
    }

    @Test func eachKindIsRecognisedFromItsSignature() {
        #expect(FileSignature.detect(Self.jpeg) == .jpeg)
        #expect(FileSignature.detect(Self.png) == .png)
        #expect(FileSignature.detect(Self.pdf) == .pdf)
        #expect(FileSignature.detect(Self.ftyp("heic")) == .heic)
    }

    @Test(arguments: ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"])
    func everyHEIFBrandIsHEIC(brand: String) {
        #expect(FileSignature.detect(Self.ftyp(brand)) == .heic)
    }

    @Test(arguments: ["isom", "mp42", "avif", "qt  ", "HEIC", "M4A "])
    func otherISOMediaBrandsAreRefused(brand: String) {
        #expect(FileSignature.detect(Self.ftyp(brand)) == nil)
    }

    @Test func anFtypBoxSmallerThanItsOwnFieldsIsRefused() {
        #expect(FileSignature.detect(Self.ftyp("heic", size: 15)) == nil)
        #expect(FileSignature.detect(Self.ftyp("heic", size: 0)) == nil)
        #expect(FileSignature.detect(Self.ftyp("heic", size: 16)) == .heic)
    }

    @Test func detectionNeedsNoMoreThanPrefixLength() {
        for sample in [Self.jpeg, Self.png, Self.pdf, Self.ftyp("heic")] {
            let kind = FileSignature.detect(sample)
            #expect(kind != nil)
            #expect(FileSignature.detect(Array(sample.prefix(FileSignature.prefixLength))) == kind)
        }
    }

    @Test func truncatedPrefixesAreNotRecognised() {
        #expect(FileSignature.detect([]) == nil)
        #expect(FileSignature.detect([0xFF, 0xD8]) == nil)
        #expect(FileSignature.detect(Array(Self.png.prefix(7))) == nil)
        #expect(FileSignature.detect(Array("%PDF".utf8)) == nil)
        #expect(FileSignature.detect(Array(Self.ftyp("heic").prefix(11))) == nil)
        #expect(FileSignature.detect(Array(Self.ftyp("heic").prefix(12))) == .heic)
    }

    @Test func textIsNotAnImageWhateverItsName() {
        // What a "receipt.jpg" that is really text (or HTML, or a script) starts with.
        for text in ["hello, this is not a JPEG\n", "<html><script>alert(1)</script>", "#!/bin/sh\nrm -rf /", "GIF89a",
                     "PK\u{3}\u{4}", " %PDF-1.4", "\u{FEFF}%PDF-1.4", "%pdf-1.4"] {
            #expect(FileSignature.detect(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func signaturesCountOnlyAtOffsetZero() {
        #expect(FileSignature.detect([0x00] + Self.jpeg) == nil)
        #expect(FileSignature.detect(Array("junk".utf8) + Self.pdf) == nil)
        #expect(FileSignature.detect([0x20] + Self.png) == nil)
    }

    @Test func kindsHaveOneExtensionAndContentTypeEach() {
        #expect(FileKind.allCases.map(\.fileExtension) == ["jpg", "png", "pdf", "heic"])
        #expect(FileKind.allCases.map(\.contentType) == ["image/jpeg", "image/png", "application/pdf", "image/heic"])
        for kind in FileKind.allCases {
            #expect(FileKind(fileExtension: kind.fileExtension) == kind)
        }
        #expect(FileKind(fileExtension: "JPG") == nil)
        #expect(FileKind(fileExtension: "jpeg") == nil)
        #expect(FileKind(fileExtension: "") == nil)
    }

    @Test func receiptsTakeTheFourKindsUpTo10MiB() {
        #expect(MediaCategory.receipts.maxBytes == 10 * 1024 * 1024)
        #expect(MediaCategory.receipts.acceptedKinds == [.jpeg, .png, .pdf, .heic])
        #expect(MediaCategory.receipts.maxSizeText == "10 MB")
        #expect(MediaCategory.receipts.acceptedKindsText == "JPEG, PNG, PDF or HEIC")
    }
}

import Testing
@testable import Web

@Suite struct UploadedFileTests {
    @Test(arguments: [
        ("report.pdf", "report.pdf"),
        ("Q3 report (final).pdf", "Q3 report (final).pdf"),
        ("../../etc/passwd", "passwd"),
        ("/etc/passwd", "passwd"),
        (#"C:\Users\me\x.pdf"#, "x.pdf"),
        (#"..\..\boot.ini"#, "boot.ini"),
        ("dir/", "dir"),
        ("", "upload"),
        (".", "upload"),
        ("..", "upload"),
        ("a/..", "upload"),
        ("  spaced.txt  ", "spaced.txt"),
        ("line\nbreak\r.txt", "linebreak.txt"),
        ("nul\u{0}.txt", "nul.txt"),
        ("tab\there.txt", "tabhere.txt"),
        ("evil\u{202E}gpj.exe", "evilgpj.exe"),
        ("zero\u{200B}width.txt", "zerowidth.txt"),
        ("sep\u{2028}arator.txt", "separator.txt"),
        ("Übersicht 😀.pdf", "Übersicht 😀.pdf"),
        ("\u{7F}\u{1B}", "upload"),
    ])
    func sanitizedFilename(raw: String, expected: String) {
        #expect(UploadedFile.sanitizedFilename(raw) == expected)
    }

    @Test func longFilenamesAreCutTo255BytesKeepingTheExtension() {
        let long = String(repeating: "é", count: 200) + ".pdf"
        let sanitized = UploadedFile.sanitizedFilename(long)
        #expect(sanitized.utf8.count == 254)
        #expect(sanitized == String(repeating: "é", count: 125) + ".pdf")

        let noExtension = String(repeating: "a", count: 300)
        #expect(UploadedFile.sanitizedFilename(noExtension) == String(repeating: "a", count: 255))

        let longExtension = "a." + String(repeating: "b", count: 300)
        #expect(UploadedFile.sanitizedFilename(longExtension) == String(("a." + String(repeating: "b", count: 300)).prefix(255)))
    }
}

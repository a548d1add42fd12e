import Testing
@testable import Domain

/// Moved here from WebTests (UploadedFile) with the sanitizer itself.
@Suite("DisplayFilename")
struct DisplayFilenameTests {
    @Test(arguments: [
        ("report.pdf", "report.pdf"),
        ("Q3 report (final).pdf", "Q3 report (final).pdf"),
        ("../../etc/passwd", "passwd"),
        ("/etc/passwd", "passwd"),
        (#"C:\Users\me\x.pdf"#, "x.pdf"),
        (#"..\..\boot.ini"#, "boot.ini"),
        ("dir/", "dir"),
        ("", "file"),
        (".", "file"),
        ("..", "file"),
        ("a/..", "file"),
        ("  spaced.txt  ", "spaced.txt"),
        ("line\nbreak\r.txt", "linebreak.txt"),
        ("nul\u{0}.txt", "nul.txt"),
        ("tab\there.txt", "tabhere.txt"),
        ("evil\u{202E}gpj.exe", "evilgpj.exe"),
        ("zero\u{200B}width.txt", "zerowidth.txt"),
        ("sep\u{2028}arator.txt", "separator.txt"),
        ("Übersicht 😀.pdf", "Übersicht 😀.pdf"),
        ("\u{7F}\u{1B}", "file"),
        ("say \"hi\".pdf", "say hi.pdf"),
        ("\"\"\"", "file"),
        ("x.pdf\"; filename=evil.exe", "x.pdf; filename=evil.exe"),
        ("東京 レシート.heic", "東京 レシート.heic"),
        ("a\u{85}b.txt", "ab.txt"),
    ])
    func sanitized(raw: String, expected: String) {
        #expect(DisplayFilename.sanitized(raw) == expected)
    }

    @Test func longFilenamesAreCutTo255BytesKeepingTheExtension() {
        let long = String(repeating: "é", count: 200) + ".pdf"
        let sanitized = DisplayFilename.sanitized(long)
        #expect(sanitized.utf8.count == 254)
        #expect(sanitized == String(repeating: "é", count: 125) + ".pdf")

        let noExtension = String(repeating: "a", count: 300)
        #expect(DisplayFilename.sanitized(noExtension) == String(repeating: "a", count: 255))

        let longExtension = "a." + String(repeating: "b", count: 300)
        #expect(DisplayFilename.sanitized(longExtension) == String(("a." + String(repeating: "b", count: 300)).prefix(255)))
    }
}

import Foundation
import Testing

/// Issue 4, point 4, through nginx and ez360-fcgi: an expense created with a real PNG
/// receipt uploaded as multipart; the receipt comes back only through the app's permission
/// check and nginx's X-Accel-Redirect to its internal location, byte for byte, with the
/// private-media headers; another company gets 404; the internal path is never reachable.
@Suite(.serialized)
struct ExpenseLiveTests {
    let stack: Stack

    init() throws {
        stack = try Stack.get()
    }

    @Test("Upload a PNG receipt with an expense, then download it through X-Accel-Redirect; nobody else can")
    func receiptRoundTripThroughNginx() throws {
        let owner = stack.browser("expenses-" + Stack.ownerB.email)
        #expect(try owner.signIn(Stack.ownerB).status == 303)
        let tag = String(UUID().uuidString.lowercased().prefix(8))
        let vendor = "Hotel \(tag)"
        let png = TinyPNG.make(width: 24, height: 16)

        let form = try owner.get("/expenses/new")
        #expect(form.status == 200)
        let token = try #require(Scrape.csrfToken(form.text))
        let fields = [("_csrf", token), ("spent_on", "2026-11-03"), ("vendor", vendor), ("category", "Travel"), ("amount", "120.00"),
                      ("tax", "9.60"), ("client_id", ""), ("project_id", ""), ("markup", ""), ("notes", "Two nights")]

        // A text file named .jpg is refused by its content, with the form kept.
        let fake = try owner.postMultipart("/expenses", fields: fields,
                                           files: [(name: "receipt", filename: "photo.jpg", type: "image/jpeg", content: Array("not a photo".utf8))])
        #expect(fake.status == 422, "\(fake.summary)")
        #expect(fake.text.contains("That file is not a JPEG, PNG, PDF or HEIC file.") && fake.text.contains(Scrape.escaped(vendor)))

        // 11 MB passes nginx's 12m body limit; the app answers with the field message, not a bare 413.
        var big = [UInt8](repeating: 0x41, count: 11 * 1024 * 1024)
        big.replaceSubrange(0..<png.count, with: png)
        let tooBig = try owner.postMultipart("/expenses", fields: fields,
                                             files: [(name: "receipt", filename: "huge.png", type: "image/png", content: big)])
        #expect(tooBig.status == 422, "\(tooBig.summary)")
        #expect(tooBig.text.contains("The file is larger than 10 MB.") && tooBig.text.contains("value=\"120.00\""))

        let created = try owner.postMultipart("/expenses", fields: fields,
                                              files: [(name: "receipt", filename: "hotel receipt.png", type: "image/png", content: png)])
        #expect(created.status == 303, "\(created.summary)")
        let path = try #require(created.location)
        #expect(path.hasPrefix("/expenses/"))
        let detail = try owner.get(path)
        #expect(detail.status == 200 && detail.text.contains(Scrape.escaped(vendor)) && detail.text.contains("\(path)/receipt"))

        // Every expense page passes tidy (the Browser checks each HTML answer).
        for page in ["/expenses", "/expenses?q=\(tag)&billing=unbilled&from=2026-01-01&to=2026-12-31", "/expenses?status=deleted",
                     "\(path)/edit"] {
            let answer = try owner.get(page)
            #expect(answer.status == 200, "\(page): \(answer.summary)")
        }
        #expect(try owner.get("/expenses?q=\(tag)").text.contains(Scrape.escaped(vendor)))

        // nginx followed the X-Accel-Redirect: the exact bytes, the app's type and name, the media headers.
        let receipt = try owner.get("\(path)/receipt")
        #expect(receipt.status == 200, "\(receipt.summary)")
        #expect(receipt.body == png)
        #expect(receipt.header("X-Accel-Redirect") == nil)
        #expect(receipt.contentType == "image/png")
        #expect(receipt.header("Content-Disposition")?.hasPrefix("inline; filename=\"hotel receipt.png\"") == true)
        #expect(receipt.header("Content-Security-Policy") == "default-src 'none'; sandbox")
        #expect(receipt.header("X-Content-Type-Options") == "nosniff")
        #expect(receipt.header("Cross-Origin-Resource-Policy") == "same-origin")

        // The file sits under the media directory with a random name; its internal URL is 404.
        let keys = try FileManager.default.subpathsOfDirectory(atPath: stack.mediaDirectory + "/receipts")
            .filter { $0.hasSuffix(".png") }
        let key = try #require(keys.first { (try? Data(contentsOf: URL(fileURLWithPath: stack.mediaDirectory + "/receipts/" + $0))) == Data(png) })
        #expect(!key.contains("hotel"))
        #expect(try owner.get("/media/_internal/receipts/\(key)").status == 404)

        // Another company's owner: 404 on the receipt and the expense, and no bytes.
        let other = stack.browser("expenses-" + Stack.ownerA.email)
        #expect(try other.signIn(Stack.ownerA).status == 303)
        let foreign = try other.get("\(path)/receipt")
        #expect(foreign.status == 404)
        #expect(foreign.body != png && foreign.contentType != "image/png")
        #expect(try other.get(path).status == 404)
        // Anonymous: sent to sign in, never the file.
        let anonymous = try RawHTTP.exchange(port: stack.port, request: RawHTTP.requestBytes(method: "GET", path: "\(path)/receipt",
                                                                                              port: stack.port))
        #expect(anonymous.status == 303 && anonymous.body != png)
    }
}

/// A valid greyscale PNG made in code (stored deflate blocks, CRC-32, Adler-32).
enum TinyPNG {
    static func make(width: Int, height: Int) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width { raw.append(UInt8((x * 9 + y * 5) & 0xFF)) }
        }
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", be(UInt32(width)) + be(UInt32(height)) + [8, 0, 0, 0, 0])
        var zlib: [UInt8] = [0x78, 0x01, 1, UInt8(raw.count & 0xFF), UInt8(raw.count >> 8), UInt8(~raw.count & 0xFF), UInt8((~raw.count >> 8) & 0xFF)]
        zlib += raw
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib += be(b << 16 | a)
        file += chunk("IDAT", zlib)
        file += chunk("IEND", [])
        return file
    }

    static func be(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return be(UInt32(data.count)) + typed + be(~crc)
    }
}

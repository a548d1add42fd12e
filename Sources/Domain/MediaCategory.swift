/// What a stored file is for. Each category has its own directory under the media store,
/// its own size limit and the kinds it accepts.
public enum MediaCategory: String, Sendable, CaseIterable, Codable {
    /// Expense receipts: photos and scans.
    case receipts

    /// The largest file accepted, in bytes.
    public var maxBytes: Int {
        switch self {
        case .receipts: 10 * 1024 * 1024
        }
    }

    public var acceptedKinds: [FileKind] {
        switch self {
        case .receipts: [.jpeg, .png, .pdf, .heic]
        }
    }

    /// The first path component of its keys (`MediaKey`).
    public var directoryName: String { rawValue }

    /// "10 MB", for messages.
    public var maxSizeText: String { "\(maxBytes / (1024 * 1024)) MB" }

    /// "JPEG, PNG, PDF or HEIC", for messages.
    public var acceptedKindsText: String {
        let names = acceptedKinds.map { $0.rawValue.uppercased() }
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

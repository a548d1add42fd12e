/// Bounds on a decoded form, so a hostile body cannot make us allocate without limit.
/// Lengths are counted in UTF-8 bytes after percent-decoding.
public struct FormLimits: Sendable, Equatable {
    public var maxFields: Int
    public var maxNameBytes: Int
    public var maxValueBytes: Int

    public init(maxFields: Int = 1_000, maxNameBytes: Int = 256, maxValueBytes: Int = 64 * 1024) {
        self.maxFields = maxFields
        self.maxNameBytes = maxNameBytes
        self.maxValueBytes = maxValueBytes
    }

    public static let `default` = FormLimits()
}

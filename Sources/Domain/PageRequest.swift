/// A page of a list, numbered from 1, as the user asked for it in the query string.
public struct PageRequest: Sendable, Equatable {
    public static let defaultSize = 50
    public static let maxPage = 1_000_000

    public let number: Int
    public let size: Int

    public init(number: Int, size: Int = PageRequest.defaultSize) {
        self.number = min(max(1, number), Self.maxPage)
        self.size = max(1, size)
    }

    /// Anything but a positive whole number is page 1: a list never fails on a bad page.
    public init(query: String?, size: Int = PageRequest.defaultSize) {
        self.init(number: query.flatMap { Int($0) } ?? 1, size: size)
    }

    public var offset: Int { (number - 1) * size }
}

public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let number: Int
    public let size: Int
    public let totalCount: Int

    public init(items: [Item], number: Int, size: Int, totalCount: Int) {
        self.items = items
        self.number = number
        self.size = size
        self.totalCount = totalCount
    }

    public var pageCount: Int { max(1, (totalCount + size - 1) / size) }
    public var hasPrevious: Bool { number > 1 }
    public var hasNext: Bool { number < pageCount }
}

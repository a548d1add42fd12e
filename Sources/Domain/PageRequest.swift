/// A page of a list, numbered from 1, as the user asked for it in the query string.
public struct PageRequest: Sendable, Equatable {
    public static let defaultSize = 50
    public static let maxPage = 1_000_000

    public let number: Int
    public let size: Int
    /// Where the page starts when the user came by a Next or Previous link: the row just
    /// before (or after) it. Lets the database seek instead of counting past `offset` rows;
    /// `number` is then only what the page is called.
    public let cursor: PageCursor?

    public init(number: Int, size: Int = PageRequest.defaultSize, cursor: PageCursor? = nil) {
        self.number = min(max(1, number), Self.maxPage)
        self.size = max(1, size)
        self.cursor = self.number == 1 ? nil : cursor
    }

    /// Anything but a positive whole number is page 1: a list never fails on a bad page.
    /// `after`/`before` are the ids a Next/Previous link carries; malformed ones are ignored.
    public init(query: String?, after: String? = nil, before: String? = nil, size: Int = PageRequest.defaultSize) {
        let cursor: PageCursor? = if let id = after.flatMap({ Int64($0) }), id > 0 { .after(id) }
            else if let id = before.flatMap({ Int64($0) }), id > 0 { .before(id) }
            else { nil }
        self.init(number: query.flatMap { Int($0) } ?? 1, size: size, cursor: cursor)
    }

    public var offset: Int { (number - 1) * size }
}

public enum PageCursor: Sendable, Equatable {
    /// The page starts right after this row (a Next link).
    case after(Int64)
    /// The page ends right before this row (a Previous link).
    case before(Int64)
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

import Testing
@testable import Domain

@Suite("PageRequest and Page")
struct PageRequestTests {
    @Test(arguments: [
        (String?.none, 1), ("", 1), ("1", 1), ("2", 2), ("0", 1), ("-3", 1), ("abc", 1), ("2abc", 1), (" 2", 1),
        ("2.5", 1), ("+4", 4), ("99999999999", PageRequest.maxPage), ("1000000", 1_000_000), ("1000001", 1_000_000),
        ("999999999999999999999999999", 1), ("-99999999999999999999", 1),
    ])
    func pageNumberFromTheQueryString(query: String?, expected: Int) {
        let request = PageRequest(query: query)
        #expect(request.number == expected)
        #expect(request.size == PageRequest.defaultSize)
        #expect(request.offset >= 0)
    }

    @Test func offsetIsZeroBased() {
        #expect(PageRequest(number: 1, size: 50).offset == 0)
        #expect(PageRequest(number: 2, size: 50).offset == 50)
        #expect(PageRequest(number: 3, size: 7).offset == 14)
        #expect(PageRequest(number: PageRequest.maxPage, size: 50).offset == (PageRequest.maxPage - 1) * 50)
    }

    @Test func numberAndSizeAreClamped() {
        #expect(PageRequest(number: 0).number == 1)
        #expect(PageRequest(number: Int.min).number == 1)
        #expect(PageRequest(number: Int.max).number == PageRequest.maxPage)
        #expect(PageRequest(number: 1, size: 0).size == 1)
        #expect(PageRequest(number: 1, size: -10).size == 1)
        #expect(PageRequest(query: "3", size: 20) == PageRequest(number: 3, size: 20))
        #expect(PageRequest.defaultSize == 50)
    }

    @Test func pageMathWithNoItems() {
        let page = Page<Int>(items: [], number: 1, size: 50, totalCount: 0)
        #expect(page.pageCount == 1)
        #expect(!page.hasPrevious)
        #expect(!page.hasNext)
    }

    @Test(arguments: [(0, 10, 1), (1, 10, 1), (9, 10, 1), (10, 10, 1), (11, 10, 2), (20, 10, 2), (21, 10, 3),
                      (101, 50, 3), (1, 1, 1), (7, 1, 7)])
    func pageCount(total: Int, size: Int, expected: Int) {
        #expect(Page<Int>(items: [], number: 1, size: size, totalCount: total).pageCount == expected)
    }

    @Test func previousAndNext() {
        let first = Page(items: [1, 2, 3], number: 1, size: 3, totalCount: 7)
        #expect(!first.hasPrevious && first.hasNext)
        let middle = Page(items: [4, 5, 6], number: 2, size: 3, totalCount: 7)
        #expect(middle.hasPrevious && middle.hasNext)
        let last = Page(items: [7], number: 3, size: 3, totalCount: 7)
        #expect(last.hasPrevious && !last.hasNext)
        let pastTheEnd = Page<Int>(items: [], number: 9, size: 3, totalCount: 7)
        #expect(pastTheEnd.hasPrevious && !pastTheEnd.hasNext)
        let exactlyFull = Page(items: [4, 5, 6], number: 2, size: 3, totalCount: 6)
        #expect(exactlyFull.pageCount == 2 && !exactlyFull.hasNext)
    }
}

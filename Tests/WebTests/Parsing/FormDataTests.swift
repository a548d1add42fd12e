import Testing
@testable import Web

@Suite struct FormDataTests {
    @Test func emptyFormHasNoValues() {
        let form = FormData()
        #expect(form.isEmpty)
        #expect(form["a"] == nil)
        #expect(form.all("a") == [])
    }

    @Test func subscriptReturnsTheFirstValueAndAllReturnsEveryValueInOrder() {
        let form = FormData([("tag", "b"), ("name", "Ann"), ("tag", "a"), ("tag", "c")])
        #expect(form["tag"] == "b")
        #expect(form["name"] == "Ann")
        #expect(form.all("tag") == ["b", "a", "c"])
        #expect(form["missing"] == nil)
    }

    @Test func appendKeepsArrivalOrder() {
        var form = FormData()
        form.append("z", "1")
        form.append("a", "2")
        form.append("z", "3")
        #expect(form.pairs.map(\.name) == ["z", "a", "z"])
        #expect(form.pairs.map(\.value) == ["1", "2", "3"])
        #expect(form.count == 3)
    }

    @Test func namesAreCaseSensitive() {
        let form = FormData([("Email", "x")])
        #expect(form["email"] == nil)
        #expect(form["Email"] == "x")
    }

    @Test func equalityComparesPairsInOrder() {
        #expect(FormData([("a", "1"), ("b", "2")]) == FormData([("a", "1"), ("b", "2")]))
        #expect(FormData([("a", "1"), ("b", "2")]) != FormData([("b", "2"), ("a", "1")]))
        #expect(FormData([("a", "1")]) != FormData([("a", "1"), ("a", "1")]))
    }
}

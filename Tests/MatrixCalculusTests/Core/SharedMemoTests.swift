import Testing
@testable import MatrixCalculus

@Suite struct SharedMemoTests {
    @Test func remembersTheFirstValueOfAKeyUpToItsCapacity() {
        let memo = SharedMemo<String, Int>(capacity: 10)
        #expect(memo.value(for: "a") == nil)
        memo.remember(1, for: "a", cost: 4)
        memo.remember(2, for: "a", cost: 4)
        #expect(memo.value(for: "a") == 1)
        memo.remember(3, for: "b", cost: 7)
        #expect(memo.value(for: "b") == nil, "over capacity: 4 + 7 > 10")
        memo.remember(4, for: "c", cost: 6)
        #expect(memo.value(for: "c") == 4)
    }

    @Test func isSharedSafelyByConcurrentTasks() async {
        let memo = SharedMemo<Int, Int>(capacity: 1_000)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for key in 0..<100 { memo.remember(key * 2, for: key, cost: 1 + task % 2) }
                }
            }
        }
        for key in 0..<100 { #expect(memo.value(for: key) == key * 2) }
    }
}

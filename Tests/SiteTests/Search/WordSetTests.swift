import Testing
@testable import Site

/// The search index's byte-keyed word set: each word once, whatever it grows to.
@Suite struct WordSetTests {
    func insert(_ word: String, into set: inout WordSet) -> Bool {
        var word = word
        return word.withUTF8 { set.insert($0) }
    }

    func contains(_ word: String, _ set: WordSet) -> Bool {
        var word = word
        return word.withUTF8 { set.contains($0) }
    }

    @Test func eachWordIsNewOnceThroughGrowth() {
        var set = WordSet(capacity: 1)
        let words = (0..<1000).map { "w\($0)" } + ["", "é", "∂f", "a", "ab"]
        for word in words { #expect(insert(word, into: &set)) }
        for word in words { #expect(!insert(word, into: &set)) }
        #expect(set.count == words.count)
        #expect(words.allSatisfy { contains($0, set) })
        #expect(!contains("w1000", set))
        #expect(!contains("b", set))
    }

    @Test func theEntrysWordsAreThoseOfTheSetFreeDefinition() {
        let text = "The Jacobian and the jacobian, ∂f and ∂F; x1 X1 x1.\r\nÉtude étude"
        var set = WordSet()
        var firsts: [String] = []
        SearchIndex.forEachWord(in: text) { word in
            if set.insert(word) { firsts.append(String(decoding: word, as: UTF8.self)) }
        }
        var seen: Set<String> = []
        #expect(firsts == SearchIndex.characterWiseWords(in: text).filter { seen.insert($0).inserted })
    }
}

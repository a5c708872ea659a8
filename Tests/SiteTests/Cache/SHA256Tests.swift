import Testing
@testable import Site

/// The digest that names cache entries, against the FIPS 180-4 examples.
@Suite struct SHA256Tests {
    @Test func matchesTheStandardTestVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two blocks, and a message ending just where padding needs a block of its own.
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000))
            == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func keysThatDifferInAnyFieldHaveDifferentDigests() {
        let key = LessonCacheKey(formatVersion: 1, executable: "calcbook|1|2", path: "lessons/a.md", text: "# A\n", settings: ["raw-html=false"])
        var variants = [key]
        variants.append(LessonCacheKey(formatVersion: 2, executable: key.executable, path: key.path, text: key.text, settings: key.settings))
        variants.append(LessonCacheKey(formatVersion: 1, executable: "calcbook|1|3", path: key.path, text: key.text, settings: key.settings))
        variants.append(LessonCacheKey(formatVersion: 1, executable: key.executable, path: "lessons/b.md", text: key.text, settings: key.settings))
        variants.append(LessonCacheKey(formatVersion: 1, executable: key.executable, path: key.path, text: "# B\n", settings: key.settings))
        variants.append(LessonCacheKey(formatVersion: 1, executable: key.executable, path: key.path, text: key.text, settings: ["raw-html=true"]))
        // Moving text between fields must not give the same serialization.
        variants.append(LessonCacheKey(formatVersion: 1, executable: key.executable, path: key.path + "# A\n", text: "", settings: key.settings))
        #expect(Set(variants.map(\.digest)).count == variants.count)
    }
}

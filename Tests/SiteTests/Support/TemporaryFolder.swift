import Foundation

/// A fresh folder under the system's temporary folder, filled from a dictionary of relative
/// paths and contents, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/calcbook-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (relative, text) in files { try write(relative, text) }
    }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, data: Data(text.utf8))
    }

    func write(_ relative: String, data: Data) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + relative)
    }

    /// Every file below `relative`, as sorted relative paths.
    func files(under relative: String) -> [String] {
        let root = path + "/" + relative
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        for case let item as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(item)
            }
        }
        return files.sorted()
    }

    /// Every file below `relative` with its bytes.
    func snapshot(of relative: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for file in files(under: relative) {
            result[file] = FileManager.default.contents(atPath: path + "/" + relative + "/" + file)
        }
        return result
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

import Foundation

/// Names the running calcbook binary for the lesson cache: its path, size and modification
/// time. Any rebuild or reinstall changes at least one of them, so cached results of one build
/// of the engine are never served to another. (Hashing the binary itself would be exact but
/// costs more than a small site's whole build.)
enum ExecutableIdentity {
    /// Computed once per process.
    static let current: String? = identify()

    private static func identify() -> String? {
        var candidates: [String] = []
        // Linux: the kernel's link to the running executable, whatever argv[0] says.
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(resolved)
        }
        if let path = Bundle.main.executablePath { candidates.append(path) }
        for path in candidates {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attributes[.size] as? NSNumber,
                  let modified = attributes[.modificationDate] as? Date
            else { continue }
            return "\(path)|\(size.int64Value)|\(modified.timeIntervalSince1970)"
        }
        return nil
    }
}

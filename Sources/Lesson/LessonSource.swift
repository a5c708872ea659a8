/// A lesson file as read from disk: where it is and what it says.
public struct LessonSource: Hashable, Sendable {
    /// Relative to the project root, e.g. `lessons/jacobian.md`; diagnostics use it as is.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The file name without folder and extension: the title of last resort.
    public var baseName: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// A lesson file as read from disk: where it is and what it says.
public struct LessonSource: Hashable, Sendable {
    /// Relative to the project root, e.g. `lessons/jacobian.md`; diagnostics use it as is.
    public var path: String
    public var text: String
    /// How a page names the lesson in the diagnostics it shows (an `expect-error` cell's
    /// error): `path` when that is relative to the project, else the path inside the lessons
    /// folder — a reader never sees the author's absolute path.
    public var pagePath: String

    public init(path: String, text: String, pagePath: String? = nil) {
        self.path = path
        self.text = text
        self.pagePath = pagePath ?? path
    }

    /// The file name without folder and extension: the title of last resort.
    public var baseName: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

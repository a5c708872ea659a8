/// Relative `/`-separated paths inside a folder, normalised so that none can leave it.
///
/// Every path the build derives from lesson text (a link, an image) goes through here before
/// it is read or written: this is what keeps reads inside `lessons/` and writes inside `site/`.
public enum SitePath {
    /// `base` joined with `relative` and normalised (`.` dropped, `..` applied), or `nil` when
    /// the result would leave the folder both are relative to.
    public static func resolve(_ relative: String, against base: String = "") -> String? {
        var parts = base.split(separator: "/").map(String.init)
        for component in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    /// Whether `path` is already a clean relative path: not empty, not absolute, no `.`/`..`
    /// or empty components, no backslash or NUL.
    public static func isSafeRelative(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    /// The folder part of `path` (`a/b/c.md` → `a/b`; `c.md` → empty).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `../` once per folder of `path`, so a page can link back to the site's root.
    public static func rootPrefix(from path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// The link from the page at `from` to the file at `to` (both relative to the site root).
    /// The shortest form: `part1/a.html` → `part1/b.html` is `b.html`.
    public static func link(from: String, to: String) -> String {
        let fromFolders = from.split(separator: "/").dropLast()
        let target = to.split(separator: "/")
        var common = 0
        while common < fromFolders.count, common < target.count - 1, fromFolders[common] == target[common] {
            common += 1
        }
        return String(repeating: "../", count: fromFolders.count - common) + target[common...].joined(separator: "/")
    }

    /// `lesson.md` → `lesson.html`.
    public static func pagePath(forLesson path: String) -> String {
        guard path.hasSuffix(".md") else { return path + ".html" }
        return String(path.dropLast(3)) + ".html"
    }
}

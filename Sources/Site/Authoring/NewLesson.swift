import Diagnostics
import Foundation
import Lesson

/// `calcbook new <name>`: writes a lesson from the theme's `new-lesson.mustache` (a project may
/// override it in `templates/`) and lists it in `SUMMARY.md` when the project has one.
///
/// The new entry goes after the last entry of a lesson in the same folder, at the same depth,
/// so `calcbook new part2/softmax` lands in Part 2; a lesson in no listed folder goes after
/// the last entry. Nothing is overwritten: an existing lesson is an error.
public struct NewLesson: Sendable {
    public var configuration: SiteConfiguration

    public init(configuration: SiteConfiguration) {
        self.configuration = configuration
    }

    /// What was written, as the user would name it (`lessons/part2/softmax.md`).
    public struct Result: Sendable, Equatable {
        public var lesson: String
        /// `lessons/SUMMARY.md` when the lesson was listed there.
        public var summary: String?
    }

    public func create(name: String, title: String? = nil) throws(SiteBuildFailure) -> Result {
        let path = try Self.lessonPath(name, lessonsFolder: configuration.lessons)
        if let title { try Self.checkTitle(title) }
        let title = title ?? Self.title(fromPath: path)
        let shown = configuration.displayPath(inLessons: path)
        try checkStaysInside(path, shownAs: shown)
        let onDisk = configuration.onDisk(SiteConfiguration.join(configuration.lessons, path))
        guard !FileManager.default.fileExists(atPath: onDisk) else {
            throw SiteBuildFailure(Diagnostic(
                id: "new.exists", message: "'\(shown)' already exists; choose another name or edit it", location: nil))
        }
        let theme = try ThemeLoader.load(configuration)
        guard let text = theme.library.render(["title": title], withTemplate: "new-lesson") else {
            throw SiteBuildFailure(Diagnostic(
                id: "templates.missing-layout", message: "there is no new-lesson.mustache template", location: nil))
        }
        let summaryOnDisk = configuration.onDisk(SiteConfiguration.join(configuration.lessons, "SUMMARY.md"))
        var summary: String?
        if FileManager.default.fileExists(atPath: summaryOnDisk) {
            summary = try read(summaryOnDisk, shownAs: configuration.displayPath(inLessons: "SUMMARY.md"))
        }

        try write(text, to: onDisk, shownAs: shown)
        guard let summary else { return Result(lesson: shown, summary: nil) }
        let listed = SummaryInsertion.inserting(title: title, lesson: path, into: summary)
        try write(listed, to: summaryOnDisk, shownAs: configuration.displayPath(inLessons: "SUMMARY.md"))
        return Result(lesson: shown, summary: configuration.displayPath(inLessons: "SUMMARY.md"))
    }

    /// `part2/softmax` → `part2/softmax.md`; also accepts the name with `.md` or with the
    /// lessons folder in front (as a shell completes it).
    static func lessonPath(_ name: String, lessonsFolder: String) throws(SiteBuildFailure) -> String {
        var name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw SiteBuildFailure(Diagnostic(
                id: "new.invalid-name", message: "the lesson's name is empty: give a path inside the lessons folder, such as part2/softmax",
                location: nil))
        }
        let folderPrefix = SiteConfiguration.clean(lessonsFolder) + "/"
        if name.hasPrefix(folderPrefix) { name.removeFirst(folderPrefix.count) }
        if !name.hasSuffix(".md") {
            if let dot = name.split(separator: "/").last?.lastIndex(of: "."), dot != name.split(separator: "/").last?.startIndex {
                throw SiteBuildFailure(Diagnostic(
                    id: "new.not-markdown", message: "'\(name)' is not a Markdown lesson; lessons end in .md", location: nil))
            }
            name += ".md"
        }
        guard SitePath.isSafeRelative(name), name != "SUMMARY.md" else {
            throw SiteBuildFailure(Diagnostic(
                id: "new.invalid-name",
                message: "'\(Self.shown(name))' cannot be a lesson: give a path inside the lessons folder, such as part2/softmax",
                location: nil))
        }
        for component in name.split(separator: "/") {
            if let reason = Self.problem(inComponent: component) {
                throw SiteBuildFailure(Diagnostic(
                    id: "new.invalid-name",
                    message: "'\(Self.shown(name))' cannot be a lesson: \(reason)",
                    location: nil,
                    notes: [.init("use letters, digits, '-', '_' and '.', with '/' between folders, such as part2/softmax")]))
            }
        }
        return name
    }

    /// Why one folder or file name of a new lesson would break the build, `SUMMARY.md` or a
    /// link, or `nil` when it is fine. Letters and digits of any script, `-`, `_`, `.` and
    /// inner spaces are fine; a hidden name (`.x`, which the build skips), `%` (a link decodes
    /// it: `%2e%2e` is `..`), `:` (a link reads `a:b` as an address), Markdown's link
    /// punctuation, and invisible or control characters are not.
    static func problem(inComponent component: Substring) -> String? {
        if component == ".md" { return "its file name is empty" }
        if component.hasPrefix(".") { return "'\(component)' starts with '.', and the build skips hidden files and folders" }
        if component.first == " " || component.last == " " { return "a name cannot start or end with a space" }
        for scalar in component.unicodeScalars {
            if InvisibleControls.isRefused(scalar) || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator
            {
                return "it holds \(InvisibleControls.describe(scalar))"
            }
            let allowed = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .spacingMark
                || "-_. ".unicodeScalars.contains(scalar)
            if !allowed { return "it holds '\(scalar)', which a link or SUMMARY.md would misread" }
        }
        return nil
    }

    /// The name as a message can show it: invisible characters as `\u{…}`.
    static func shown(_ name: String) -> String {
        name.unicodeScalars.map { scalar in
            InvisibleControls.isRefused(scalar) || scalar.properties.generalCategory == .format
                ? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" : String(scalar)
        }.joined()
    }

    /// Refuses a lesson path whose folders lead outside the lessons folder through a
    /// symbolic link (`lessons/ext` pointing elsewhere): the deepest existing folder on the
    /// way must lie inside the real lessons folder.
    func checkStaysInside(_ path: String, shownAs shown: String) throws(SiteBuildFailure) {
        let lessonsOnDisk = configuration.onDisk(configuration.lessons)
        let root = URL(fileURLWithPath: lessonsOnDisk).resolvingSymlinksInPath().path
        var existing = configuration.onDisk(SiteConfiguration.join(configuration.lessons, path))
        let manager = FileManager.default
        while !manager.fileExists(atPath: existing), (try? manager.destinationOfSymbolicLink(atPath: existing)) == nil {
            // Nothing of the path exists yet, not even the lessons folder: all of it is new.
            if existing == lessonsOnDisk { return }
            existing = (existing as NSString).deletingLastPathComponent
        }
        let real = URL(fileURLWithPath: existing).resolvingSymlinksInPath().path
        guard real == root || real.hasPrefix(root + "/") else {
            throw SiteBuildFailure(Diagnostic(
                id: "new.outside-lessons",
                message: "'\(shown)' would be written outside the lessons folder: '\(existing.hasPrefix(configuration.root) ? String(existing.dropFirst(configuration.root.count).drop { $0 == "/" }) : existing)' is a symbolic link to '\(real)'",
                location: nil))
        }
    }

    /// Why a title given with `--title` cannot go into the lesson's front matter, if it cannot.
    static func checkTitle(_ title: String) throws(SiteBuildFailure) {
        if let (scalar, _) = InvisibleControls.first(in: title) {
            throw SiteBuildFailure(Diagnostic(
                id: "new.invalid-title",
                message: "the title holds \(InvisibleControls.describe(scalar)); write it on one line, without control characters",
                location: nil))
        }
    }

    /// `part2/softmax-gradients.md` → "Softmax gradients".
    static func title(fromPath path: String) -> String {
        let base = String(path.split(separator: "/").last ?? Substring(path)).replacingOccurrences(of: ".md", with: "")
        let words = base.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    private func read(_ path: String, shownAs shown: String) throws(SiteBuildFailure) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SiteBuildFailure(Diagnostic(id: "new.unreadable", message: "cannot read '\(shown)'", location: nil))
        }
        return text
    }

    private func write(_ text: String, to path: String, shownAs shown: String) throws(SiteBuildFailure) {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SiteBuildFailure(Diagnostic(
                id: "new.unwritable", message: "cannot write '\(shown)': \(AtomicSiteWriter.reason(error))", location: nil))
        }
    }
}

/// Where a new lesson's line goes in `SUMMARY.md`, as text in, text out.
enum SummaryInsertion {
    static func inserting(title: String, lesson: String, into text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let (outline, _) = SummaryParser.parse(LessonSource(path: "SUMMARY.md", text: text))
        let destination = lesson.replacingOccurrences(of: " ", with: "%20")
        let title = title.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
        let folder = SitePath.directory(of: lesson)

        // Entries written as list items, with the line range their nested entries take.
        struct Listed { var entry: SiteOutline.Entry; var bullet: String; var lastLine: Int }
        func listed(_ entries: [SiteOutline.Entry]) -> [Listed] {
            entries.flatMap { entry -> [Listed] in
                let below = listed(entry.children)
                guard let line = entry.location?.line, line >= 1, line <= lines.count,
                      let bullet = bullet(of: lines[line - 1]) else { return below }
                let lastLine = ([line] + below.map(\.lastLine) + flatLines(entry.children)).max() ?? line
                return [Listed(entry: entry, bullet: bullet, lastLine: lastLine)] + below
            }
        }
        func flatLines(_ entries: [SiteOutline.Entry]) -> [Int] {
            entries.flatMap { [$0.location?.line ?? 0] + flatLines($0.children) }
        }
        let all = outline.sections.flatMap { listed($0.entries) }
        let sameFolder = all.last { $0.entry.lesson.map(SitePath.directory(of:)) == folder }
        let anchor = sameFolder ?? all.max { $0.lastLine < $1.lastLine }
        guard let anchor else {
            return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n") + "- [\(title)](\(destination))\n"
        }
        lines.insert("\(anchor.bullet)[\(title)](\(destination))", at: anchor.lastLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  - [A](a.md)` → `  - `: the indentation and list marker to repeat.
    private static func bullet(of line: String) -> String? {
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        let rest = line.dropFirst(indent.count)
        guard let marker = rest.first, "-*+".contains(marker) else { return nil }
        let spaces = rest.dropFirst().prefix { $0 == " " }
        guard !spaces.isEmpty else { return nil }
        return String(indent) + String(marker) + String(spaces)
    }
}

import Diagnostics
import Lesson

/// What the load step found in the lessons folder, before anything is parsed.
public struct LoadedProject: Sendable {
    public struct LessonFile: Sendable {
        /// Relative to the lessons folder: `notation.md`, `part1/jacobian.md`.
        public var relativePath: String
        /// The text, with `path` as diagnostics name it (`lessons/notation.md`).
        public var source: LessonSource
    }

    /// Every lesson except `SUMMARY.md`, ordered by path (folders by their components).
    public var lessons: [LessonFile]
    /// `SUMMARY.md` at the top of the lessons folder, when there is one.
    public var summary: LessonSource?
    /// Every other file under the lessons folder (images, data), relative to it. Only those a
    /// lesson links to are copied into the site.
    public var otherFiles: Set<String>
    /// The TeX macro file `calcbook.toml` names, as diagnostics name it (`macros.tex`).
    public var macros: LessonSource?
    /// Files that could not be read (lesson problems, exit code 1).
    public var diagnostics: [Diagnostic]
    /// The bibliography named by `references` in `calcbook.toml`, read and decoded.
    public var references: References?

    public struct References: Sendable {
        public var bibliography: Bibliography
        /// The file as diagnostics name it (`references.json`).
        public var shownPath: String
        /// A digest of the file's bytes: a lesson's cached page depends on it.
        public var digest: String
    }

    /// `index.md` at the top, the home page.
    public var homeLesson: LessonFile? {
        lessons.first { $0.relativePath == "index.md" }
    }
}

import Lesson

/// Part of **render**: every lesson's notebook (`NotebookFile`), beside its page.
struct NotebookStep {
    func run(lessons: [SiteLesson]) -> [SiteFile] {
        lessons.map(Self.file)
    }

    /// The same files, `jobs` lessons at a time (a notebook depends on its own lesson only).
    func run(lessons: [SiteLesson], jobs: Int) async -> [SiteFile] {
        await ParseStep.renderConcurrently(lessons, jobs: jobs, Self.file)
    }

    @Sendable static func file(_ lesson: SiteLesson) -> SiteFile {
        SiteFile(
            path: NotebookFile.path(forLesson: lesson.file.relativePath),
            contents: NotebookFile.json(lesson.rendered.notebookDocument, lessonPath: lesson.file.relativePath, title: lesson.rendered.title))
    }
}

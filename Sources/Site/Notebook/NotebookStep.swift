import Lesson

/// Part of **render**: every lesson's notebook (`NotebookFile`), beside its page.
struct NotebookStep {
    func run(lessons: [SiteLesson]) -> [SiteFile] {
        lessons.map(Self.file)
    }

    /// The same files, `jobs` lessons at a time (a notebook depends on its own lesson only);
    /// `made` is handed each as soon as it is made.
    func run(lessons: [SiteLesson], jobs: Int, made: (@Sendable ([SiteFile]) -> Void)? = nil) async -> [SiteFile] {
        await ParseStep.renderConcurrently(lessons, jobs: jobs) { lesson in
            let file = Self.file(lesson)
            made?([file])
            return file
        }
    }

    @Sendable static func file(_ lesson: SiteLesson) -> SiteFile {
        SiteFile(
            path: NotebookFile.path(forLesson: lesson.file.relativePath),
            contents: NotebookFile.json(lesson.rendered.notebookDocument, lessonPath: lesson.file.relativePath, title: lesson.rendered.title))
    }
}

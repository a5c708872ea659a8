import Lesson

/// Part of **render**: every lesson's notebook (`NotebookFile`), beside its page.
struct NotebookStep {
    func run(lessons: [SiteLesson]) -> [SiteFile] {
        lessons.map { lesson in
            SiteFile(
                path: NotebookFile.path(forLesson: lesson.file.relativePath),
                contents: NotebookFile.json(lesson.rendered.notebookDocument, lessonPath: lesson.file.relativePath, title: lesson.rendered.title))
        }
    }
}

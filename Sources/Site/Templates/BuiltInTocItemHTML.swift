/// `partials/toc-item` of the built-in theme written by hand: the bytes the Mustache template
/// gives for an entry of the table of contents, without looking each value up by name through
/// `Any` (a page renders the entry that holds it, and a part's contents page all its entries:
/// that Mustache rendering was 1.5% of the CPU of a 1000-lesson build). Used only while the
/// theme's `partials/toc-item.mustache` is exactly the built-in one (`template`); the tests
/// render entries both ways, so an edit of the built-in partial that `html` does not follow
/// fails them.
enum BuiltInTocItemHTML {
    /// The built-in `partials/toc-item.mustache`, which `html` writes.
    static let template = ThemeFiles.builtInText(TableOfContents.itemTemplate + ".mustache")

    /// `entry` as the built-in template renders `TableOfContents.item(entry, …)`'s values.
    ///
    /// `inheritedHref` is the link of the nearest enclosing entry that has one: Mustache looks
    /// a name an entry lacks up in the entries around it (its context stack), so a draft entry
    /// (no lesson, no `href`) inside a linked one is written with that entry's link.
    static func html(
        _ entry: SiteOutline.Entry, from outputPath: String, currentLesson: String?, expandingAll: Bool, inheritedHref: String? = nil
    ) -> String {
        let holdsPage = currentLesson.map { TableOfContents.lessons(in: entry).contains($0) } ?? false
        let children = expandingAll || holdsPage ? entry.children : []
        let isCurrent = entry.lesson != nil && entry.lesson == currentLesson
        let ownHref = entry.lesson.map { lesson in
            let page = SitePath.link(from: outputPath, to: SitePath.pagePath(forLesson: lesson))
            return entry.fragment.map { page + "#" + $0 } ?? page
        }
        let href = ownHref ?? inheritedHref
        var html = isCurrent ? "<li class=\"toc-current\">" : "<li>"
        let title = BuiltInCellHTML.escaped(entry.title)
        if let href {
            html += "<a href=\"" + BuiltInCellHTML.escaped(href) + "\"" + (isCurrent ? " aria-current=\"page\">" : ">") + title + "</a>"
        } else {
            html += "<span class=\"toc-draft\">" + title + "</span>"
        }
        html += "\n"
        if !children.isEmpty {
            html += "<ol class=\"toc-list\">\n"
            for child in children {
                html += Self.html(child, from: outputPath, currentLesson: currentLesson, expandingAll: expandingAll, inheritedHref: href)
            }
            html += "</ol>\n"
        }
        return html + "</li>\n"
    }
}

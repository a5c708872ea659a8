/// The built-in theme's `layout` (with its partials `diagnostics` and `navigation`) written by
/// hand: the bytes the Mustache templates give for a page's values, without looking each value
/// up by name through `Any` (the layout's rendering was 1.5–2% of the CPU of a 1000-lesson
/// build). Used only while the theme's three templates are exactly the built-in ones
/// (`isBuiltIn`), and only for values of the shapes `PageContext` makes: any other shape (a
/// value of another type) gives `nil`, and the page goes through Mustache. The tests render
/// every kind of page both ways, so an edit of the built-in templates that `html` does not
/// follow fails them.
enum BuiltInLayoutHTML {
    static let templates = ["layout", "partials/diagnostics", "partials/navigation"]
    static let texts = templates.map { ThemeFiles.builtInText($0 + ".mustache") }

    /// Whether `theme`'s layout and the two partials it includes are the built-in ones.
    static func isBuiltIn(_ theme: Theme) -> Bool {
        zip(templates, texts).allSatisfy { template, text in
            text != nil && theme.sources[template + ".mustache"]?.text == text
        }
    }

    /// The page as the built-in layout renders `values` (`PageContext.values` and what
    /// `RenderStep` adds: `toc.html`, `page.notebook`, `page.isSearch`, `page.noindex`), or
    /// `nil` when a value it reads is of another type than those.
    static func html(_ values: [String: Any]) -> String? {
        guard let site = values["site"] as? [String: Any], let page = values["page"] as? [String: Any],
              let toc = values["toc"] as? [String: Any], let tocHTML = toc["html"] as? String,
              let siteTitle = text(site["title"]), let root = text(values["root"]),
              let pageTitle = text(page["title"]), let body = text(page["body"]),
              let isHome = flag(page["isHome"]), let hasSearch = flag(site["hasSearch"]), let isSearch = flag(page["isSearch"]),
              let noindex = flag(page["noindex"]), let hasDiagnostics = flag(page["hasDiagnostics"]),
              let hasNeighbours = flag(values["hasNeighbours"]),
              let description = optionalText(page["description"]), let canonicalURL = optionalText(page["canonicalURL"]),
              let notebook = optionalText(page["notebook"]),
              let diagnostics = list(page["diagnostics"]),
              let previous = optionalLink(values["previous"]), let next = optionalLink(values["next"])
        else { return nil }
        let escapedRoot = escaped(root), escapedSiteTitle = escaped(siteTitle)
        var html = ""
        html.reserveCapacity(body.utf8.count + tocHTML.utf8.count + 4096)
        html += """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="generator" content="calcbook">
            <title>
            """
        html += isHome ? escapedSiteTitle : escaped(pageTitle) + " · " + escapedSiteTitle
        html += "</title>\n"
        if let description { html += "<meta name=\"description\" content=\"" + escaped(description) + "\">\n" }
        if noindex { html += "<meta name=\"robots\" content=\"noindex\">\n" }
        if let canonicalURL { html += "<link rel=\"canonical\" href=\"" + escaped(canonicalURL) + "\">\n" }
        html += "<link rel=\"stylesheet\" href=\"" + escapedRoot + "assets/style.css\">\n"
        html += "<link rel=\"stylesheet\" href=\"" + escapedRoot + "assets/math.css\">\n"
        html += """
            </head>
            <body>
            <a class="skip-link" href="#content">Skip to the lesson</a>
            <header class="site-header">

            """
        html += "<a class=\"site-title\" href=\"" + escapedRoot + "index.html\">" + escapedSiteTitle + "</a>\n"
        html += "<a class=\"toc-jump\" href=\"#toc\">Contents</a>\n"
        if hasSearch && !isSearch {
            html += "<form class=\"site-search\" action=\"" + escapedRoot + "search.html\" role=\"search\">\n"
            html += """
                <input type="search" name="q" aria-label="Search the lessons" placeholder="Search the lessons">
                <button type="submit">Search</button>
                </form>

                """
        }
        html += """
            </header>
            <div class="site-body">
            <nav id="toc" class="toc" aria-label="Table of contents">

            """
        html += tocHTML + "\n"
        html += "</nav>\n<main id=\"content\" class=\"page\">\n"
        if hasDiagnostics {
            html += """
                <section class="build-diagnostics" aria-label="Problems found while building this page">
                <p>This page has problems; each is listed here and shown where it occurs, so you can fix it in place.</p>
                <ul>

                """
            for diagnostic in diagnostics {
                guard let location = text(diagnostic["location"]), let severity = text(diagnostic["severity"]),
                      let message = text(diagnostic["message"]) else { return nil }
                let escapedSeverity = escaped(severity)
                html += "<li class=\"diagnostic diagnostic-" + escapedSeverity + "\"><code>" + escaped(location) + "</code> "
                html += escapedSeverity + ": " + escaped(message) + "</li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        if let notebook {
            html += "<p class=\"notebook-download\"><a href=\"" + escaped(notebook)
            html += "\" download>Download notebook</a> <span class=\"notebook-format\">(.ipynb, for Jupyter)</span></p>\n"
        }
        html += "<article class=\"lesson\">\n" + body + "\n</article>\n"
        if hasNeighbours {
            html += "<nav class=\"page-navigation\" aria-label=\"Previous and next lessons\">\n"
            if let previous {
                html += "<a class=\"page-previous\" rel=\"prev\" href=\"" + escaped(previous.href)
                html += "\"><span class=\"page-navigation-label\">Previous</span> " + escaped(previous.title) + "</a>\n"
            }
            if let next {
                html += "<a class=\"page-next\" rel=\"next\" href=\"" + escaped(next.href)
                html += "\"><span class=\"page-navigation-label\">Next</span> " + escaped(next.title) + "</a>\n"
            }
            html += "</nav>\n"
        }
        html += """
            </main>
            </div>
            <footer class="site-footer">
            <p>Built with calcbook.</p>
            </footer>
            </body>
            </html>

            """
        return html
    }

    private static func escaped(_ text: String) -> String { BuiltInCellHTML.escaped(text) }

    /// A value `{{name}}` writes: a string (nil for anything else, which Mustache would write
    /// its own way).
    private static func text(_ value: Any?) -> String? { value as? String }

    /// A section's condition: absent is false, a Bool is itself; `nil` for any other value.
    private static func flag(_ value: Any?) -> Bool? {
        guard let value else { return false }
        return value as? Bool
    }

    /// An optional string (a section over it is shown when it is there): `.some(nil)` when
    /// absent, `nil` when it is not a string.
    private static func optionalText(_ value: Any?) -> String?? {
        guard let value else { return .some(nil) }
        guard let string = value as? String else { return nil }
        return .some(string)
    }

    /// A list of entries (absent is empty).
    private static func list(_ value: Any?) -> [[String: Any]]? {
        guard let value else { return [] }
        return value as? [[String: Any]]
    }

    /// `previous` or `next`: its title and link.
    private static func optionalLink(_ value: Any?) -> (title: String, href: String)?? {
        guard let value else { return .some(nil) }
        guard let link = value as? [String: Any], let title = link["title"] as? String, let href = link["href"] as? String else { return nil }
        return .some((title, href))
    }
}

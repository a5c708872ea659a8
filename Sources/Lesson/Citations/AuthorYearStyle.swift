import Markdown

/// Author–year citations and references, in the manner of APA and the Chicago author–date
/// style, which is what readers of a textbook expect: "(Parr & Howard 2018, p. 12)" in the
/// text and "Parr, T., & Howard, J. (2018). *Title*. …" in the list at the end. One fixed
/// style rather than CSL style files: a course needs one readable style, not a CSL engine.
public enum AuthorYearStyle {
    /// `Parr & Howard 2018`: one or two family names, or the first and "et al." from three.
    public static func inText(_ item: Bibliography.Item) -> String {
        let names = (item.author ?? item.editor ?? []).map(shortName)
        let who: String
        switch names.count {
        case 0: who = item.title.map { "“\($0)”" } ?? item.id
        case 1: who = names[0]
        case 2: who = names[0] + " & " + names[1]
        default: who = names[0] + " et al."
        }
        return who + " " + (item.year ?? "n.d.")
    }

    static func shortName(_ name: Bibliography.Name) -> String {
        if let literal = name.literal { return literal }
        let family = [name.nonDroppingParticle, name.family].compactMap { $0 }.joined(separator: " ")
        return family.isEmpty ? (name.given ?? "") : family
    }

    /// `Parr, T.` — family name and initials, as reference lists give them.
    static func referenceName(_ name: Bibliography.Name) -> String {
        if let literal = name.literal { return literal }
        let initials = (name.given ?? "").split(whereSeparator: { $0 == " " || $0 == "-" }).compactMap { part in
            part.first.map { String($0) + "." }
        }.joined(separator: " ")
        let family = shortName(name)
        return initials.isEmpty ? family : family + ", " + initials
    }

    /// Sorted as a reference list is: by the first author's family name, then year, then title.
    static func sortKey(_ item: Bibliography.Item) -> String {
        let first = (item.author ?? item.editor ?? []).first.map(shortName) ?? item.title ?? item.id
        return [first.lowercased(), item.year ?? "", (item.title ?? "").lowercased(), item.id].joined(separator: "\u{1}")
    }

    /// A reference's parts: plain text, and whether the part is the title (shown in italics).
    struct Part {
        var text: String
        var isTitle = false
        var link: String?
    }

    /// `Parr, T., & Howard, J. (2018). The matrix calculus you need for deep learning. arXiv:1802.01528. https://…`
    static func referenceParts(_ item: Bibliography.Item) -> [Part] {
        var parts: [Part] = []
        let names = (item.author ?? item.editor ?? []).map(referenceName)
        var who: String
        switch names.count {
        case 0: who = ""
        case 1: who = names[0]
        case 2: who = names[0] + ", & " + names[1]
        default: who = names.dropLast().joined(separator: ", ") + ", & " + (names.last ?? "")
        }
        if item.author == nil, item.editor != nil, !who.isEmpty { who += names.count == 1 ? " (Ed.)" : " (Eds.)" }
        parts.append(Part(text: (who.isEmpty ? "" : who + " ") + "(\(item.year ?? "n.d.")). "))
        if let title = item.title {
            parts.append(Part(text: title, isTitle: true))
            parts.append(Part(text: title.last.map { ".?!".contains($0) } == true ? " " : ". "))
        }
        var details: [String] = []
        if let container = item.containerTitle {
            var text = container
            if let volume = item.volume?.value { text += ", " + volume + (item.issue.map { "(\($0.value))" } ?? "") }
            if let page = item.page?.value { text += ", " + page }
            details.append(text)
        }
        if let number = item.number?.value, isArXiv(item) {
            details.append("arXiv:" + number)
        } else if let publisher = item.publisher, item.containerTitle == nil {
            details.append(publisher)
        }
        if !details.isEmpty { parts.append(Part(text: details.joined(separator: ". ") + ". ")) }
        if let doi = item.doi {
            let address = "https://doi.org/" + doi
            parts.append(Part(text: address, link: address))
        } else if let url = item.url {
            parts.append(Part(text: url, link: url))
        }
        if var last = parts.last, last.link == nil {
            while last.text.last == " " { last.text.removeLast() }
            parts[parts.count - 1] = last
        }
        return parts
    }

    static func isArXiv(_ item: Bibliography.Item) -> Bool {
        (item.publisher ?? "").lowercased().contains("arxiv") || (item.url ?? "").contains("arxiv.org")
            || (item.containerTitle ?? "").lowercased().contains("arxiv")
    }

    /// The reference as HTML: the title in `<cite>`, the address a link.
    public static func referenceHTML(_ item: Bibliography.Item) -> String {
        referenceParts(item).map { part in
            if part.isTitle { return "<cite>" + escapeHTML(part.text) + "</cite>" }
            if let link = part.link, isWebAddress(link) { return "<a href=\"" + escapeHTML(link) + "\">" + escapeHTML(part.text) + "</a>" }
            return escapeHTML(part.text)
        }.joined()
    }

    /// The reference as Markdown, for a notebook: the title in `*…*`.
    public static func referenceMarkdown(_ item: Bibliography.Item) -> String {
        referenceParts(item).map { part in
            let text = escapeMarkdown(part.text)
            if part.isTitle { return "*" + text + "*" }
            if let link = part.link, isWebAddress(link) { return "<" + link + ">" }
            return text
        }.joined()
    }

    /// Only web addresses become links: a bibliography is data from elsewhere, and a
    /// `javascript:` URL in it must not end up in a page.
    static func isWebAddress(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return (lowered.hasPrefix("https://") || lowered.hasPrefix("http://"))
            && !text.contains { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" }
    }

    static func escapeMarkdown(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

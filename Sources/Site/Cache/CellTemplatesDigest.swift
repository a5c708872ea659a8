extension Theme {
    /// A digest of `partials/cell` and every template it includes (transitively): all of the
    /// theme that goes into a lesson's body, so restyling cells re-renders the lessons while a
    /// change to the layout or the table of contents does not re-evaluate a single cell.
    ///
    /// Partials named at render time (`{{>*name}}`) or behind changed delimiters (`{{=<% %>=}}`)
    /// cannot be followed, so a cell template using either counts every template in.
    var cellTemplatesDigest: String {
        var included: Set<String> = []
        var pending = ["partials/cell"]
        let templates = sources.filter { $0.key.hasSuffix(".mustache") }
        func text(_ name: String) -> String? { templates[name + ".mustache"]?.text }
        while let name = pending.popLast() {
            guard included.insert(name).inserted, let text = text(name) else { continue }
            if text.contains("{{>*") || text.contains("{{=") {
                included = Set(templates.keys.map { String($0.dropLast(".mustache".count)) })
                break
            }
            pending += PartialReferences.find(in: text).map(\.name)
        }
        var hasher = SHA256()
        for name in included.sorted() {
            for field in [name, text(name) ?? ""] {
                hasher.update(String(field.utf8.count).utf8)
                hasher.update([0])
                hasher.update(field.utf8)
            }
        }
        return hasher.finalizeHex()
    }
}

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
        while let name = pending.popLast() {
            guard included.insert(name).inserted, let text = templateTexts[name] else { continue }
            if text.contains("{{>*") || text.contains("{{=") {
                included = Set(templateTexts.keys)
                break
            }
            pending += PartialReferences.find(in: text).map(\.name)
        }
        var hasher = SHA256()
        for name in included.sorted() {
            let text = templateTexts[name] ?? ""
            for field in [name, text] {
                hasher.update(String(field.utf8.count).utf8)
                hasher.update([0])
                hasher.update(field.utf8)
            }
        }
        return hasher.finalizeHex()
    }
}

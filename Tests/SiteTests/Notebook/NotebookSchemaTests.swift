import Foundation
import Testing
@testable import Site

/// Every notebook a build writes is valid nbformat 4.5: checked against the schema Jupyter
/// itself validates with, committed beside the fixtures (`Fixtures/nbformat/`, BSD-3-Clause,
/// copied from Debian's `python3-nbformat`), so the check runs wherever `swift test` does.
///
/// The validator is this project's own (`JSONSchemaValidator`): no Swift package here
/// validates JSON Schema, and a Python subprocess would make the test depend on what is
/// installed. It refuses any keyword it does not implement, so it cannot pass what it does
/// not understand; `scripts/browser-search-test` (CI) also runs nbformat's own validator on
/// the built site as a second opinion.
@Suite struct NotebookSchemaTests {
    static let schemaPath = Golden.testsFolder + "/Fixtures/nbformat/nbformat.v4.5.schema.json"

    static func validator() throws -> JSONSchemaValidator {
        let schema = try #require(FileManager.default.contents(atPath: schemaPath), "the committed schema is missing: \(schemaPath)")
        return try JSONSchemaValidator(schema: schema)
    }

    /// The course in this repository's `lessons/`, built into a temporary folder.
    static func buildProjectLessons() async throws -> TemporaryFolder {
        let repository = URL(fileURLWithPath: Golden.testsFolder).deletingLastPathComponent().deletingLastPathComponent().path
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: repository + "/lessons", toPath: folder.path + "/lessons")
        // The lessons cite from the course's bibliography, which calcbook.toml names.
        for file in ["calcbook.toml", "references.json"] {
            try FileManager.default.copyItem(atPath: repository + "/" + file, toPath: folder.path + "/" + file)
        }
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(jobs: 2, noCache: true))
        let report = try await SiteBuilder(configuration: configuration).build()
        #expect(report.wroteSite, "the project's lessons build: \(report.diagnostics.map(\.message))")
        return folder
    }

    @Test
    func everyNotebookOfTheCourseIsValid() async throws {
        let folder = try await Self.buildProjectLessons()
        defer { folder.remove() }
        let validator = try Self.validator()
        // Lesson pages: not search.html, the theme's assets or the parts' contents pages.
        let pages = folder.files(under: "site").filter {
            $0.hasSuffix(".html") && $0 != "search.html" && !$0.hasPrefix("assets/") && !$0.hasPrefix(PartPage.folder + "/")
        }
        let notebooks = folder.files(under: "site").filter { $0.hasSuffix(".ipynb") }
        // One notebook beside each lesson page, and the page links to it.
        #expect(notebooks.map { String($0.dropLast(".ipynb".count)) } == pages.map { String($0.dropLast(".html".count)) })
        #expect(notebooks.count >= 10)
        for notebook in notebooks {
            let data = try #require(FileManager.default.contents(atPath: folder.path + "/site/" + notebook))
            let problems = try validator.validate(data)
            #expect(problems.isEmpty, "\(notebook): \(problems.map(\.description).joined(separator: "\n"))")
            let page = try #require(folder.read("site/" + notebook.dropLast(".ipynb".count) + ".html"))
            let name = String(notebook.split(separator: "/").last ?? "")
            #expect(page.contains("<a href=\"\(name)\" download>Download notebook</a>"))
        }

        // The same check fails once a notebook of the course is broken the way a bug in
        // `NotebookFile` would break it.
        let notebook = try #require(notebooks.first { $0.hasSuffix("jacobians.ipynb") })
        let data = try #require(FileManager.default.contents(atPath: folder.path + "/site/" + notebook))
        let breakages: [(String, (inout [String: Any], inout [[String: Any]]) -> Void)] = [
            ("a cell without its id", { _, cells in cells[0]["id"] = nil }),
            ("a code cell with an unknown output type", { _, cells in
                guard let index = cells.firstIndex(where: { $0["cell_type"] as? String == "code" }),
                      var outputs = cells[index]["outputs"] as? [[String: Any]], !outputs.isEmpty else { return }
                outputs[0]["output_type"] = "result"
                cells[index]["outputs"] = outputs
            }),
            ("a Markdown cell with outputs", { _, cells in
                guard let index = cells.firstIndex(where: { $0["cell_type"] as? String == "markdown" }) else { return }
                cells[index]["outputs"] = []
            }),
            ("nbformat_minor missing", { document, _ in document["nbformat_minor"] = nil }),
            ("a kernelspec without display_name", { document, _ in
                var metadata = document["metadata"] as? [String: Any] ?? [:]
                var kernelspec = metadata["kernelspec"] as? [String: Any] ?? [:]
                kernelspec["display_name"] = nil
                metadata["kernelspec"] = kernelspec
                document["metadata"] = metadata
            }),
        ]
        let unbroken = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: data), options: [.sortedKeys])
        #expect(try validator.validate(unbroken) == [], "the notebook read and written back unchanged stays valid")
        for (what, breakage) in breakages {
            var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            var cells = try #require(document["cells"] as? [[String: Any]])
            breakage(&document, &cells)
            document["cells"] = cells
            let broken = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            #expect(try !validator.validate(broken).isEmpty, "\(notebook) with \(what) passed the schema")
        }
    }

    @Test
    func aNotebookWithEveryKindOfCellIsValid() async throws {
        let folder = try SiteBuilderTests.project("notebook")
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder, keepGoing: true)
        let data = try #require(FileManager.default.contents(atPath: folder.path + "/site/cells.ipynb"))
        #expect(try Self.validator().validate(data) == [])
    }

    @Test
    func theValidatorRejectsBrokenNotebooks() throws {
        let validator = try Self.validator()
        let valid = """
            {"cells": [{"cell_type": "code", "execution_count": 1, "id": "a-1", "metadata": {}, "outputs": [
              {"output_type": "execute_result", "execution_count": 1, "data": {"text/plain": ["x"]}, "metadata": {}},
              {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t"]}], "source": ["x"]},
              {"cell_type": "markdown", "id": "b", "metadata": {}, "source": "# T"}],
             "metadata": {"kernelspec": {"name": "k", "display_name": "K"}}, "nbformat": 4, "nbformat_minor": 5}
            """
        #expect(try validator.validate(Data(valid.utf8)) == [])
        let broken = [
            valid.replacingOccurrences(of: "\"id\": \"a-1\"", with: "\"id\": \"a 1\""),  // id pattern
            valid.replacingOccurrences(of: "\"id\": \"b\", ", with: ""),  // id required in 4.5
            valid.replacingOccurrences(of: "\"nbformat_minor\": 5", with: "\"nbformat_minor\": 4"),
            valid.replacingOccurrences(of: "\"execution_count\": 1, \"id\"", with: "\"execution_count\": \"1\", \"id\""),
            valid.replacingOccurrences(of: "\"ename\": \"E\", ", with: ""),
            valid.replacingOccurrences(of: "\"display_name\": \"K\"", with: "\"display\": \"K\""),
            valid.replacingOccurrences(of: "\"data\": {\"text/plain\": [\"x\"]}", with: "\"data\": {\"text/plain\": [1]}"),
            valid.replacingOccurrences(of: "\"source\": \"# T\"", with: "\"source\": \"# T\", \"outputs\": []"),
        ]
        for notebook in broken {
            #expect(try !validator.validate(Data(notebook.utf8)).isEmpty, "accepted: \(notebook)")
        }
    }
}

/// The validator's keywords on small schemas of their own, independent of nbformat's file.
@Suite struct JSONSchemaValidatorTests {
    func problems(_ schema: String, _ instance: String) throws -> [JSONSchemaValidator.Problem] {
        try JSONSchemaValidator(schema: Data(schema.utf8)).validate(Data(instance.utf8))
    }

    @Test func typesAndBounds() throws {
        #expect(try problems(#"{"type": "integer", "minimum": 0}"#, "3") == [])
        #expect(try problems(#"{"type": "integer", "minimum": 0}"#, "-1").count == 1)
        #expect(try problems(#"{"type": "integer"}"#, "1.5").count == 1)
        #expect(try problems(#"{"type": "integer"}"#, "true").count == 1)
        #expect(try problems(#"{"type": ["integer", "null"]}"#, "null") == [])
        #expect(try problems(#"{"type": "string", "minLength": 1, "maxLength": 3, "pattern": "^[a-z]+$"}"#, #""abcd""#).count == 1)
        #expect(try problems(#"{"type": "string", "pattern": "^[a-z]+$"}"#, #""a-b""#).count == 1)
        #expect(try problems(#"{"enum": ["a", true]}"#, "true") == [])
        #expect(try problems(#"{"enum": ["a", true]}"#, "1").count == 1)
    }

    @Test func objectsArraysAndCombinators() throws {
        let schema = #"""
            {"definitions": {"s": {"type": "string"}},
             "type": "object", "required": ["a"], "additionalProperties": false,
             "properties": {"a": {"type": "array", "items": {"$ref": "#/definitions/s"}, "uniqueItems": true}},
             "patternProperties": {"^x-": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}}
            """#
        #expect(try problems(schema, #"{"a": ["p", "q"], "x-1": 2}"#) == [])
        #expect(try problems(schema, #"{"a": ["p", "p"]}"#).count == 1)
        #expect(try problems(schema, #"{"a": [1]}"#).count == 1)
        #expect(try problems(schema, #"{"b": []}"#).count == 2)
        #expect(try problems(schema, #"{"a": [], "x-1": 1.5}"#).count == 1)
        #expect(try problems(#"{"not": {"enum": ["raw"]}}"#, #""raw""#).count == 1)
        #expect(try problems(#"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#, "1").count == 1)
    }

    @Test func keywordsItDoesNotImplementAreReported() throws {
        #expect(try problems(#"{"anyOf": [{"type": "string"}]}"#, #""a""#).count == 1)
    }

    @Test func itReadsJSONStrictly() throws {
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Array(#"{"a": 1,}"#.utf8)) }
        #expect(try JSONValue.parse(Array(#""\u00e9\ud83d\ude00""#.utf8)) == .string("é😀"))
    }
}

import Foundation
import Testing
@testable import Site

/// Every notebook a build writes is valid nbformat 4.5: checked against the schema Jupyter
/// itself validates with (`nbformat.v4.5.schema.json`, BSD-3-Clause, from the nbformat
/// package), read from Debian's `python3-nbformat` (which `.ci/run` installs) or from the
/// file `NBFORMAT_SCHEMA` names. Without either, the tests that need it are skipped.
@Suite struct NotebookSchemaTests {
    static let schemaCandidates = [
        ProcessInfo.processInfo.environment["NBFORMAT_SCHEMA"],
        "/usr/lib/python3/dist-packages/nbformat/v4/nbformat.v4.5.schema.json",
        "/usr/local/lib/python3/dist-packages/nbformat/v4/nbformat.v4.5.schema.json",
    ].compactMap { $0 }

    static let schema: Data? = schemaCandidates.lazy.compactMap { FileManager.default.contents(atPath: $0) }.first
    static let hasSchema = schema != nil

    static func validator() throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: try #require(schema, "no nbformat 4.5 schema at \(schemaCandidates)"))
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

    @Test(.enabled(if: hasSchema, "needs nbformat's schema: apt-get install python3-nbformat"))
    func everyNotebookOfTheCourseIsValid() async throws {
        let folder = try await Self.buildProjectLessons()
        defer { folder.remove() }
        let validator = try Self.validator()
        let pages = folder.files(under: "site").filter { $0.hasSuffix(".html") && $0 != "search.html" && !$0.hasPrefix("assets/") }
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
    }

    @Test(.enabled(if: hasSchema, "needs nbformat's schema: apt-get install python3-nbformat"))
    func aNotebookWithEveryKindOfCellIsValid() async throws {
        let folder = try SiteBuilderTests.project("notebook")
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder, keepGoing: true)
        let data = try #require(FileManager.default.contents(atPath: folder.path + "/site/cells.ipynb"))
        #expect(try Self.validator().validate(data) == [])
    }

    @Test(.enabled(if: hasSchema, "needs nbformat's schema: apt-get install python3-nbformat"))
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

import Foundation

/// Runs the built `calcbook` executable in a folder and captures what a user would see.
///
/// The executable sits beside the test bundle in SwiftPM's build folder; running it as a
/// process is the only way to check exit codes and the exact text on each stream.
struct CalcbookProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static var executable: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On macOS the tests run inside a .xctest bundle; climb out of it.
        while folder.path.contains(".xctest") { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("calcbook")
    }

    static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment["NO_COLOR"] = "1"
        // Never the user's lesson cache: each run gets an empty one of its own (so every run
        // is a cold build) unless the test names one.
        let cacheHome = FileManager.default.temporaryDirectory.path + "/calcbook-cli-cache-" + UUID().uuidString
        processEnvironment["XDG_CACHE_HOME"] = cacheHome
        defer { try? FileManager.default.removeItem(atPath: cacheHome) }
        for (key, value) in environment { processEnvironment[key] = value }
        process.environment = processEnvironment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes before waiting, so a chatty process cannot fill a pipe and stall.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// A project folder for one test, removed afterwards.
struct ProjectFolder {
    let path: String

    init(_ files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.path + "/calcbook-cli-test-" + UUID().uuidString
        for (relative, text) in files {
            let url = URL(fileURLWithPath: path + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + relative)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

import Foundation
import Testing

/// `calcbook check --external` from the command line: its flags, and a request that fails the
/// check. (Verdicts against a misbehaving server are tested in SiteTests.)
@Suite struct CheckExternalCommandTests {
    /// Port 1 on the loopback address: nothing listens there, so the connection is refused
    /// at once, without any network beyond this machine.
    static let refused = [
        "lessons/index.md": "# Home\n\nSee [the notes](http://127.0.0.1:1/notes).\n",
    ]

    @Test func withoutExternalAWellFormedAddressPasses() throws {
        let project = try ProjectFolder(Self.refused)
        defer { project.remove() }
        let result = try CalcbookProcess.run(["check"], in: project.path)
        #expect(result.status == 0)
        #expect(result.standardError.hasPrefix("Checked 1 lesson, "))
        #expect(result.standardError.hasSuffix(" checks): no problems\n"))
    }

    @Test func anUnreachableAddressFailsTheCheckWithExternal() throws {
        let project = try ProjectFolder(Self.refused)
        defer { project.remove() }
        let result = try CalcbookProcess.run(["check", "--external", "--timeout", "5", "--external-jobs", "2"], in: project.path)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix(
            "lessons/index.md:3:5: error: 'http://127.0.0.1:1/notes' cannot be reached: nothing accepted the connection\n"))
        #expect(result.standardError.hasSuffix(" checks), 1 external link requested: 1 error, 0 warnings\n"))
    }

    @Test func requestSettingsNeedExternalAndSensibleValues() throws {
        let project = try ProjectFolder(Self.refused)
        defer { project.remove() }
        for arguments in [
            ["check", "--timeout", "5"],
            ["check", "--external-jobs", "4"],
            ["check", "--external", "--timeout", "0"],
            ["check", "--external", "--timeout", "nan"],
            ["check", "--external", "--external-jobs", "0"],
        ] {
            let result = try CalcbookProcess.run(arguments, in: project.path)
            #expect(result.status == 2, "\(arguments)")
        }
        let help = try CalcbookProcess.run(["check", "--help"], in: project.path)
        #expect(help.standardOutput.contains("--external"))
        #expect(help.standardOutput.contains("--timeout <seconds>"))
    }
}

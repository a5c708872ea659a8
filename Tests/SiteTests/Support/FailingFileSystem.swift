import Foundation
import Site

/// The real disk, except that writing the file whose name ends with `failingSuffix` fails, as
/// a full disk or a killed process would make it fail half-way through a build.
struct FailingFileSystem: SiteFileSystem {
    var failingSuffix: String
    let disk = LocalFileSystem()

    struct DiskFull: LocalizedError {
        var errorDescription: String? { "no space left on device (simulated)" }
    }

    func itemKind(atPath path: String) -> SiteItemKind { disk.itemKind(atPath: path) }
    func createDirectory(atPath path: String) throws { try disk.createDirectory(atPath: path) }
    func writeFile(_ data: Data, toPath path: String) throws {
        if path.hasSuffix(failingSuffix) { throw DiskFull() }
        try disk.writeFile(data, toPath: path)
    }
    func moveItem(atPath source: String, toPath destination: String) throws { try disk.moveItem(atPath: source, toPath: destination) }
    func removeItem(atPath path: String) throws { try disk.removeItem(atPath: path) }
}

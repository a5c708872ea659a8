import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written a piece at a time, as `CompactCoder.write` hands its pieces over, then put in
/// its place whole: it is written under a temporary name beside its path and renamed, so a
/// reader never sees half of it. Foundation writes a file from one `Data` only, which would
/// hold a large lesson's whole cache entry in memory.
///
/// Its errors are the system's (`POSIXError`), which the cache's note names as it names those of
/// Foundation's writes ("no space left on device").
final class FileDescriptorSink {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32

    /// Creates the temporary file beside `path`.
    init(replacing path: String) throws {
        self.path = path
        temporaryPath = path + ".partial-\(getpid())"
        descriptor = open(temporaryPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure() }
    }

    deinit {
        // Not committed (an error on the way): the partial file goes.
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count, let base = bytes.baseAddress {
            let result = write(descriptor, base + written, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw Self.failure() }
            written += result
        }
    }

    /// Writes `bytes` over what the file holds at `offset`.
    func overwrite(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        var written = 0
        while written < bytes.count, let base = bytes.baseAddress {
            let result = pwrite(descriptor, base + written, bytes.count - written, off_t(offset + written))
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw Self.failure() }
            written += result
        }
    }

    /// The checksum of what the file holds so far, read back from it: what `overwrite` changed
    /// after the bytes went by is in the file, not in any buffer.
    func checksumOfContents() throws -> UInt64 {
        var checksum = EntryChecksum()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while true {
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            if read < 0 && errno == EINTR { continue }
            guard read >= 0 else { throw Self.failure() }
            if read == 0 { return checksum.finalized() }
            buffer.withUnsafeBytes { checksum.update(UnsafeRawBufferPointer(rebasing: $0[..<read])) }
            offset += read
        }
    }

    /// Closes the file and puts it at `path`.
    func commit() throws {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            let failure = Self.failure()
            unlink(temporaryPath)
            throw failure
        }
    }

    /// The error `errno` names.
    private static func failure() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}

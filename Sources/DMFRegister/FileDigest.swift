import DMFPolicy
import Foundation
import SystemCrypto

/// One file as the register and a seal's manifest record it: its name, size and SHA-256.
public struct FileDigest: Sendable, Equatable, Hashable, Codable {
    /// The file's name without its folder: what a recipient sees beside the manifest.
    public var name: String
    public var size: Int64
    /// Lower-case hexadecimal.
    public var sha256: String

    public init(name: String, size: Int64, sha256: String) {
        self.name = name
        self.size = size
        self.sha256 = sha256
    }

    /// The file as the lifecycle rules compare files sent and received.
    public var transferred: TransferredFile { TransferredFile(name: name, size: size, sha256: sha256) }

    /// `SHA256 SIZE NAME` (the name escaped as `ListText` escapes): how the register keeps it.
    public var line: String { "\(sha256) \(size) " + Canonical.escaped(name) }

    /// Reads `line` back. Works on its bytes: a check reads hundreds of thousands of these.
    public init?(line: String) {
        let space = UInt8(ascii: " ")
        let utf8 = line.utf8
        guard let first = utf8.firstIndex(of: space),
            let second = utf8[utf8.index(after: first)...].firstIndex(of: space),
            let size = Int64(line[utf8.index(after: first)..<second])
        else { return nil }
        let name = Canonical.unescaped(line[utf8.index(after: second)...])
        self.init(name: name, size: size, sha256: String(line[..<first]))
    }

    /// The digest of bytes already in memory (a document just rendered).
    public init(name: String, bytes: some DataProtocol) {
        self.init(name: name, size: Int64(bytes.count), sha256: Hashing.sha256(bytes))
    }

    /// Hashes a file as a stream, so a file of any size needs the same small buffer.
    /// - Parameters:
    ///   - progress: called after each chunk with the bytes read so far and the total.
    ///   - followingLinks: false refuses a symbolic link where the file should be, even one put
    ///     there after the caller looked.
    public static func of(
        file path: String, name: String? = nil, followingLinks: Bool = true,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil
    ) throws(DigestError) -> FileDigest {
        // O_NONBLOCK: a named pipe would otherwise hold `open` until a writer came, before the
        // regular-file check below could refuse it. Reads from a regular file never block anyway.
        var hasher: DigestStream
        do { hasher = try DigestStream(.sha256) } catch { throw .cannotHash(reason: error.description) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw .cannotRead(path: path, reason: "not a regular file")
        }
        let total = Int64(status.st_size)
        // 1 MiB: large enough that the system call per chunk costs nothing beside hashing it.
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            done += Int64(count)
            progress?(done, total)
        }
        // A file written to while it was read is not the file that was hashed: its size, times or
        // identity differ from what they were before the first byte.
        var after = stat()
        guard fstat(descriptor, &after) == 0, !Self.changed(status, after), done == total else {
            throw .changedWhileHashed(path: path)
        }
        let digest: Digest
        do { digest = try hasher.finalize() } catch { throw .cannotHash(reason: error.description) }
        let fileName = name ?? (path as NSString).lastPathComponent
        return FileDigest(name: fileName, size: done, sha256: digest.hex)
    }

    /// Whether two looks at an open file show it changed: another size, modification or status
    /// change time, or another file altogether.
    static func changed(_ before: stat, _ after: stat) -> Bool {
        !(before.st_size == after.st_size && before.st_ino == after.st_ino && before.st_dev == after.st_dev
            && before.st_mtim.tv_sec == after.st_mtim.tv_sec && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec
            && before.st_ctim.tv_sec == after.st_ctim.tv_sec && before.st_ctim.tv_nsec == after.st_ctim.tv_nsec)
    }
}

public enum DigestError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    /// OpenSSL's library is missing or failed: no file can be hashed.
    case cannotHash(reason: String)
    /// The file was written to while it was hashed, so the hash is of no one version of it.
    case changedWhileHashed(path: String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .changedWhileHashed(let path):
            "\(path) changed while it was being read (something is writing to it); try again once it is finished"
        case .cannotHash(let reason): reason
        }
    }
}

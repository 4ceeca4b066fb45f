import Glibc

/// Why a small file (a key, an allowed-signers file, a signature) could not be read.
enum FileReadError: Error, Equatable, CustomStringConvertible {
    case missing
    case notAFile
    case tooLarge(Int)
    case failed(String)

    var description: String {
        switch self {
        case .missing: "it does not exist"
        case .notAFile: "it is not a regular file"
        case .tooLarge(let largest): "it is larger than \(largest / 1024) KiB"
        case .failed(let reason): reason
        }
    }
}

/// Reads small files whole: only regular files (a named pipe or a device could block or never
/// end), and only up to a size.
enum RegularFile {
    static func read(_ path: String, largest: Int) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw errno == ENOENT || errno == ENOTDIR ? .missing : .failed(lastError()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .failed(lastError()) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notAFile }
        guard Int(status.st_size) <= largest else { throw .tooLarge(largest) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .failed(lastError()) }
            if count == 0 { break }
            bytes += chunk[..<count]
            // The file may have grown since fstat.
            guard bytes.count <= largest else { throw .tooLarge(largest) }
        }
        return bytes
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

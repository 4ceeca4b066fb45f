import DMFPolicy
import DMFSignatures
import Foundation

/// How far hashing has got, for a progress bar.
public struct HashProgress: Sendable, Equatable {
    /// The file being hashed, as the manifest names it.
    public var name: String
    /// Which file, from 1, of `count`.
    public var index: Int
    public var count: Int
    /// Bytes hashed so far of this file, and its size.
    public var done: Int64
    public var total: Int64
    /// Bytes hashed so far of every file, and their sizes added up.
    public var allDone: Int64
    public var allTotal: Int64

    public init(name: String, index: Int, count: Int, done: Int64, total: Int64, allDone: Int64, allTotal: Int64) {
        self.name = name
        self.index = index
        self.count = count
        self.done = done
        self.total = total
        self.allDone = allDone
        self.allTotal = allTotal
    }
}

/// A manifest ready to write: its bytes, their SHA-256, and where it goes (beside the files).
public struct SealedManifest: Sendable, Equatable {
    public var manifest: SealManifest
    public var bytes: [UInt8]
    public var sha256: String
    /// The files' folder (as given) and `<REFERENCE>.manifest.json`.
    public var path: String
}

/// A manifest as read: what it says, its bytes (what its signature signs) and their SHA-256.
public struct ReadManifest: Sendable, Equatable {
    public var manifest: SealManifest
    public var bytes: [UInt8]
    public var sha256: String
}

/// What a manifest's signature shows to the desk checking it.
public enum SealSignature: Sendable, Equatable {
    /// No `.sig` beside the manifest.
    case notSigned(path: String)
    /// A `.sig` that is not a signature, or cannot be read.
    case unusable(path: String, reason: String)
    /// A signature, judged by this desk's allowed signers.
    case checked(ProofFinding, EventProof)

    public var isTrusted: Bool {
        if case .checked(let finding, _) = self { return finding.isTrusted }
        return false
    }

    /// The proof, when there is a signature that is intact (trusted or not).
    public var proof: EventProof? {
        guard case .checked(let finding, let proof) = self else { return nil }
        if case .broken = finding { return nil }
        return proof
    }

    /// "signed by jowner (key SHA256:…)", "not signed", or exactly why it is not trusted.
    public var description: String {
        switch self {
        case .notSigned(let path):
            "not signed: there is no signature (\(Sanitizer.visible((path as NSString).lastPathComponent))) beside it"
        case .unusable(let path, let reason):
            "its signature \(Sanitizer.visible((path as NSString).lastPathComponent)) cannot be used: \(reason)"
        case .checked(let finding, _):
            switch finding {
            case .trusted(let signer): "sealed by \(signer.shown)"
            case .broken(let reason): "NOT TRUSTED: \(reason)"
            case .untrusted(let check): "NOT TRUSTED: \(check.description)"
            case .uncheckable(let reason): "NOT CHECKED: \(reason)"
            case .unsigned: "not signed"
            }
        }
    }
}

/// Why files could not be sealed or checked.
public enum SealError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was asked for cannot be done as asked (a bad reference, files in two folders): the
    /// command's "bad usage".
    case badRequest(String)
    case cannotRead(DigestError)
    case manifest(ManifestError)

    public var description: String {
        switch self {
        case .badRequest(let reason): reason
        case .cannotRead(let error): error.description
        case .manifest(let error): error.description
        }
    }
}

/// Sealing files before they are sent, and checking them against their manifest on receipt.
public enum Seal {
    /// Hashes each file (as a stream: a file of any size needs the same small buffer) and builds
    /// the manifest. Nothing is written: the caller writes `bytes` to `path`.
    ///
    /// Every file must be in one folder, since the manifest goes beside them and names them
    /// without a folder; two files may not share a name, and none may be named like the manifest.
    /// - Parameter now: the time sealed, written in UTC.
    public static func seal(
        reference: String, marking: String, by person: String, account: String? = nil, files paths: [String],
        now: Date, progress: ((HashProgress) -> Void)? = nil
    ) throws(SealError) -> SealedManifest {
        try loadHashing()
        if let problem = SealManifest.referenceProblem(reference) { throw .badRequest("the reference \(problem)") }
        if let problem = SealManifest.lineProblem(marking) {
            throw .badRequest("the marking is not usable: \(problem)")
        }
        if let problem = SealManifest.lineProblem(person) {
            throw .badRequest("the name of the person sealing is not usable: \(problem)")
        }
        guard let first = paths.first else { throw .badRequest("name at least one file to seal") }
        let manifestName = SealManifest.fileName(for: reference)
        let folder = folderOf(first)
        let folderKey = canonicalFolder(first)
        var names = Set<String>()
        var sizes: [Int64] = []
        // Everything is checked before anything is hashed: a mistake in the tenth file should not
        // cost the time of hashing the first nine.
        for path in paths {
            let name = (path as NSString).lastPathComponent
            // A link is refused, not followed, as `verify` refuses it: what is sealed is what the
            // recipient will find under that name.
            var status = stat()
            guard lstat(path, &status) == 0 else {
                throw .cannotRead(.cannotRead(path: path, reason: String(cString: strerror(errno))))
            }
            if (status.st_mode & S_IFMT) == S_IFLNK {
                throw .cannotRead(
                    .cannotRead(path: path, reason: "it is a symbolic link; seal the file itself, in its own folder"))
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                throw .cannotRead(.cannotRead(path: path, reason: "not a regular file"))
            }
            if let problem = SealManifest.nameProblem(name) {
                throw .badRequest("\(Sanitizer.visible(path)) cannot be sealed: its name is not usable: \(problem)")
            }
            guard canonicalFolder(path) == folderKey else {
                throw .badRequest(
                    """
                    every file sealed together must be in one folder, where the manifest goes: \
                    \(Sanitizer.visible(path)) is not in \(Sanitizer.visible(folder))
                    """)
            }
            guard name != manifestName else {
                throw .badRequest("\(Sanitizer.visible(path)) has the manifest's own name; it cannot be sealed in it")
            }
            guard names.insert(name).inserted else {
                throw .badRequest("\(Sanitizer.visible(name)) is named twice; name each file once")
            }
            sizes.append(Int64(status.st_size))
        }

        var digests: [FileDigest] = []
        let allTotal = sizes.reduce(0, +)
        var before: Int64 = 0
        for (index, path) in paths.enumerated() {
            let name = (path as NSString).lastPathComponent
            let report: ((Int64, Int64) -> Void)? = progress.map { report in
                { (done: Int64, total: Int64) in
                    report(
                        HashProgress(
                            name: name, index: index + 1, count: paths.count, done: done, total: total,
                            allDone: before + done, allTotal: max(allTotal, before + done)))
                }
            }
            do throws(DigestError) {
                let digest = try FileDigest.of(file: path, name: name, followingLinks: false, progress: report)
                digests.append(digest)
                before += digest.size
            } catch {
                throw .cannotRead(error)
            }
        }
        let manifest = SealManifest(
            reference: reference, marking: marking, sealedAt: SealManifest.timestamp(now), sealedBy: person,
            files: digests, sealedByAccount: account)
        do throws(ManifestError.Problem) {
            try manifest.validate(ownName: manifestName)
        } catch {
            // Every value was checked above; this is the same check a reader makes, kept so a
            // manifest this tool writes can always be read back.
            throw .badRequest("the manifest would not be valid: \(error)")
        }
        let bytes = manifest.bytes
        return SealedManifest(
            manifest: manifest, bytes: bytes, sha256: Hashing.sha256(bytes),
            path: folder == "." ? manifestName : (folder as NSString).appendingPathComponent(manifestName))
    }

    /// Reads the manifest at `manifestPath` and checks every file it names in its own folder.
    /// A name the manifest gives is never followed out of that folder: names with a slash or
    /// `..` are refused when the manifest is read, and a symbolic link is reported, not followed.
    /// - Parameters:
    ///   - by: who checked, for the receipt.
    ///   - now: the time checked, written in UTC.
    public static func verify(
        manifestPath: String, by person: String? = nil, now: Date = Date(),
        progress: ((HashProgress) -> Void)? = nil
    ) throws(SealError) -> Receipt {
        try loadHashing()
        let read: ReadManifest
        do throws(ManifestError) {
            read = try SealManifest.load(path: manifestPath)
        } catch {
            throw .manifest(error)
        }
        return try verify(read, manifestPath: manifestPath, by: person, now: now, progress: progress)
    }

    /// Checks the files a manifest already read names (its signature checked first by the caller).
    public static func verify(
        _ read: ReadManifest, manifestPath: String, by person: String? = nil, account: String? = nil,
        now: Date = Date(), progress: ((HashProgress) -> Void)? = nil
    ) throws(SealError) -> Receipt {
        try loadHashing()
        let manifest = read.manifest
        let folder = folderOf(manifestPath)
        let ownName = (manifestPath as NSString).lastPathComponent

        // Looked at first, without following links, so the progress total is known and
        // what cannot be hashed is reported rather than followed.
        enum Found {
            case file(Int64)
            case missing
            case unreadable(String)
        }
        var found: [Found] = []
        for file in manifest.files {
            var status = stat()
            if lstat(folder + "/" + file.name, &status) != 0 {
                let reason = errno
                found.append(reason == ENOENT ? .missing : .unreadable(String(cString: strerror(reason))))
            } else if (status.st_mode & S_IFMT) == S_IFLNK {
                found.append(.unreadable("it is a symbolic link; only files in the manifest's own folder are checked"))
            } else if (status.st_mode & S_IFMT) != S_IFREG {
                found.append(.unreadable("it is not a regular file"))
            } else {
                found.append(.file(Int64(status.st_size)))
            }
        }
        let allTotal = found.reduce(Int64(0)) { sum, item in
            if case .file(let size) = item { return sum + size }
            return sum
        }

        var lines: [Receipt.Line] = []
        var before: Int64 = 0
        for (index, file) in manifest.files.enumerated() {
            func line(_ status: Receipt.Status, _ digest: FileDigest?, _ problem: String?) -> Receipt.Line {
                Receipt.Line(name: file.name, status: status, sealed: file, found: digest, problem: problem)
            }
            switch found[index] {
            case .missing:
                lines.append(line(.missing, nil, nil))
            case .unreadable(let reason):
                lines.append(line(.unreadable, nil, reason))
            case .file:
                let report: ((Int64, Int64) -> Void)? = progress.map { report in
                    { (done: Int64, total: Int64) in
                        report(
                            HashProgress(
                                name: file.name, index: index + 1, count: manifest.files.count, done: done,
                                total: total, allDone: before + done, allTotal: max(allTotal, before + done)))
                    }
                }
                do throws(DigestError) {
                    // Not following links: the check above saw a file, and it must still be one.
                    let digest = try FileDigest.of(
                        file: folder + "/" + file.name, name: file.name, followingLinks: false, progress: report)
                    before += digest.size
                    if digest == file {
                        lines.append(line(.matched, digest, nil))
                    } else if digest.size != file.size {
                        lines.append(
                            line(
                                .changed, digest,
                                "\(Receipt.bytes(digest.size)), sealed as \(Receipt.bytes(file.size))"))
                    } else {
                        lines.append(line(.changed, digest, "same size, different SHA-256 (\(digest.sha256))"))
                    }
                } catch {
                    switch error {
                    // Removed or made unreadable since it was looked at.
                    case .cannotRead(_, let reason): lines.append(line(.unreadable, nil, reason))
                    // Written to while it was hashed: not the file that was sealed, whatever its hash.
                    case .changedWhileHashed:
                        lines.append(
                            line(.changed, nil, "it changed while it was being checked (something is writing to it)"))
                    // No file can be checked: no receipt rather than one with files left out.
                    case .cannotHash: throw .cannotRead(error)
                    }
                }
            }
        }

        var receipt = Receipt(
            reference: manifest.reference, marking: manifest.marking, manifest: ownName,
            manifestSHA256: read.sha256, sealedAt: manifest.sealedAt, sealedBy: manifest.sealedBy,
            checkedAt: SealManifest.timestamp(now), checkedBy: person, files: lines,
            notInManifest: extras(
                in: folder, listed: manifest.files.map(\.name), ownName: ownName, reference: manifest.reference))
        receipt.checkedByAccount = account
        return receipt
    }

    /// What the manifest's signature (`MANIFEST.sig` beside it) shows to this desk: checked
    /// with the desk's own allowed signers, at the time it says it was sealed.
    public static func signature(of read: ReadManifest, manifestPath: String, trust: SignerTrust) -> SealSignature {
        let path = manifestPath + ".sig"
        let armoured: [UInt8]
        do throws(ManifestError.Problem) {
            armoured = try SealManifest.readRegularFile(path, largest: 64 * 1024)
        } catch {
            if case .cannotRead(let reason) = error, reason == String(cString: strerror(ENOENT)) {
                return .notSigned(path: path)
            }
            return .unusable(path: path, reason: error.description)
        }
        let proof: EventProof
        do {
            let signature = try SSHSignature(armored: armoured)
            proof = EventProof(statement: read.bytes, signature: signature)
        } catch {
            return .unusable(path: path, reason: "it is not an SSH signature: \(error.description)")
        }
        let moment = Date(timeIntervalSince1970: TimeInterval(Moments.seconds(read.manifest.sealedAt) ?? 0))
        return .checked(trust.judge(proof, namespace: .manifest, at: moment), proof)
    }

    /// Names in `folder` that the manifest does not list, sorted; the manifest itself and other
    /// manifests are left out. Names are compared as bytes, as the file system does: Swift's
    /// `==` treats two spellings of "é" as one, and the folder could hold both.
    /// Nothing can be sealed or checked without libcrypto: said before any file is looked at.
    public static func prepare() throws(SealError) { try loadHashing() }

    private static func loadHashing() throws(SealError) {
        do { try Hashing.load() } catch { throw .cannotRead(.cannotHash(reason: error.description)) }
    }

    static func extras(in folder: String, listed: [String], ownName: String, reference: String? = nil) -> [String] {
        let known = Set((listed + [ownName]).map { Array($0.utf8) })
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // What travels with the files, or is written on receipt, is not sent information:
        // manifests, receipts of this transfer, and the signatures of each.
        func isProof(_ name: String) -> Bool {
            if name.hasSuffix(SealManifest.fileSuffix) { return true }
            if let reference, Receipt.isReceipt(folder + "/" + name, of: reference) { return true }
            return false
        }
        func travels(_ name: String) -> Bool {
            if isProof(name) { return true }
            guard name.hasSuffix(".sig") else { return false }
            let signed = String(name.dropLast(4))
            return Array(signed.utf8) == Array(ownName.utf8) || isProof(signed)
        }
        return
            entries
            .filter { !known.contains(Array($0.utf8)) && !travels($0) }
            .map { name in
                var status = stat()
                let isFolder = lstat(folder + "/" + name, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
                return isFolder ? name + "/" : name
            }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The folder part of a path as given, `.` when there is none.
    public static func folderOf(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The folder as an absolute, tidied path, so `a/x` and `./a/y` count as one folder.
    private static func canonicalFolder(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }
}

import DMFPolicy
import DMFRegister
import DMFSignatures
import Dispatch
import Foundation

/// `dmf-wizard seal REF FILE... [--by NAME] [--force]`: hashes the files, writes
/// `REF.manifest.json` beside them, and records them as sent in the register when one is given.
///
/// Order: check the request; ask the register whether the sending may be recorded (its entry's
/// history, its marking, whether it requires a signature: an unknown reference, or a BLOCKED,
/// refused or unauthorised entry, stops here with nothing written); hash; write the manifest;
/// record the "sent" event. The manifest is written before the event so the register never
/// records a sending whose manifest could not be written; a refusal after that (another desk
/// recorded something meanwhile) leaves the manifest in place and says so.
///
/// Exit status: 0 sealed (and recorded, when a register was given); 1 a file could not be read,
/// the manifest could not be written (it exists and `force` is off, no space), the register could
/// not be read, or the register refused to record the sending (nothing written when it refused
/// before hashing; the manifest written when it refused at the end);
/// 2 bad usage (no files, a bad reference, marking or name, files in two folders, a file named
/// twice, a marking that contradicts the register's, an unusable `SOURCE_DATE_EPOCH`).
public struct SealCommand {
    public var reference: String
    public var files: [String]
    /// Who sealed it; the login name when nil.
    public var by: String?
    /// The protective marking; when nil, the register entry's, or OFFICIAL-SENSITIVE without a
    /// register (the conservative reading, as for outputs in DECISIONS.md).
    public var marking: String?
    /// Replace an existing manifest.
    public var force = false
    public var register: Register?
    public var clock: WallClock = .system
    public var progress = ProgressOptions()
    /// The login account: written in the manifest, and for `by` when it is not given.
    public var loginName: () -> String? = { try? Account.current() }
    /// The key the manifest is signed with (`REF.manifest.json.sig`); none: it is not signed.
    public var signing: Signing = .none

    public init(reference: String, files: [String], by: String? = nil, force: Bool = false, register: Register? = nil) {
        self.reference = reference
        self.files = files
        self.by = by
        self.force = force
        self.register = register
    }

    /// The marking used when neither the caller nor a register gives one.
    public static let defaultMarking = ProtectiveMarking.officialSensitive.rawValue

    /// Runs the command, printing to the given streams (`Console` in the program, which cleans
    /// every line); returns the exit status.
    public func run(stdout: (String) -> Void = Console.out, stderr: (String) -> Void = Console.errorText) -> Int32 {
        func fail(_ message: String, _ status: Int32) -> Int32 {
            stderr("dmf-wizard: \(message)\n")
            return status
        }
        if let problem = clock.sourceDateEpochProblem { return fail(problem, 2) }
        guard !files.isEmpty else { return fail("name at least one file to seal", 2) }
        let person = (by ?? loginName() ?? "").trimmingCharacters(in: .whitespaces)
        guard !person.isEmpty else { return fail("say who is sealing the files: --by NAME", 2) }
        if let problem = SealManifest.referenceProblem(reference) { return fail("the reference \(problem)", 2) }

        var chosenMarking = marking
        var markingNote: String?
        // Which key signs, known before hashing (which can take minutes).
        let key: SSHPublicKey?
        do { key = try signing.publicKey() } catch { return fail("\(error.description); nothing was sealed", 1) }
        if let register {
            let entry: RegisterEntry
            do throws(RegisterError) {
                // Whatever would refuse the sending is asked before anything is hashed or written:
                // a BLOCKED, refused or not yet authorised entry is never sealed. The files are
                // named here as they will be recorded; their digests are not known yet, and no
                // rule about a sending reads them.
                let named = files.map { FileDigest(name: ($0 as NSString).lastPathComponent, size: 0, sha256: "") }
                entry = try register.precheck(EventRequest(kind: .sent, by: person, files: named), to: reference)
                    .history.entry
                if try register.signatureRequirement() != nil {
                    guard let key else {
                        return fail(
                            "this register requires signatures, and no signing key is set up (see `dmf-wizard keys`); "
                                + "nothing was sealed", 1)
                    }
                    if let refusal = Signing.refusal(of: key, for: .manifest, trust: register.trust) {
                        return fail("this register requires signatures, and \(refusal); nothing was sealed", 1)
                    }
                }
            } catch {
                let reason = error.description
                return fail(reason + (reason.hasSuffix(".") ? " Nothing was sealed." : "; nothing was sealed"), 1)
            }
            if let marking, marking != entry.marking {
                return fail(
                    """
                    the register records \(reference) as \(Sanitizer.visible(entry.marking)), not \
                    \(Sanitizer.visible(marking)); nothing was sealed
                    """, 2)
            }
            chosenMarking = entry.marking
        } else if chosenMarking == nil {
            chosenMarking = Self.defaultMarking
            markingNote = "No marking given and no register: marked \(Self.defaultMarking), the cautious choice.\n"
        }

        let manifestPath = Self.manifestPath(reference: reference, firstFile: files[0])
        // Checked before hashing, which can take minutes; SafeFile checks again when writing.
        if !force, SafeFile.exists(manifestPath) {
            return fail("\(manifestPath) already exists; use --force to replace it", 1)
        }

        let sealed: SealedManifest
        let bar = progress.bar()
        do throws(SealError) {
            sealed = try Seal.seal(
                reference: reference, marking: chosenMarking ?? Self.defaultMarking, by: person,
                account: loginName(), files: files, now: clock.now(), progress: bar.map { bar in { bar.update($0) } })
            bar?.finish()
        } catch {
            bar?.finish()
            if case .badRequest = error { return fail(error.description, 2) }
            return fail(error.description + "; nothing was sealed", 1)
        }
        // Signed before anything is written, and never inside the register's write.
        let proof: EventProof?
        do { proof = try signing.sign(sealed.bytes, for: .manifest) } catch {
            return fail("\(error.description); nothing was sealed", 1)
        }
        let signaturePath = sealed.path + ".sig"
        do throws(WriteError) {
            var written = [(sealed.path, sealed.bytes)]
            if let proof { written.append((signaturePath, Array(proof.signature.utf8))) }
            try SafeFile.writeAll(written, overwrite: force)
            // A signature left from an earlier seal would not match the new manifest.
            if proof == nil, force, SafeFile.exists(signaturePath) { SafeFile.remove([signaturePath]) }
        } catch {
            return fail(error.description, 1)
        }
        let count = sealed.manifest.files.count
        stdout(
            """
            Sealed \(count) \(count == 1 ? "file" : "files") for \(reference) \
            (\(sealed.manifest.marking)).
            Manifest: \(sealed.path)
            Manifest SHA-256: \(sealed.sha256)

            """)
        if proof != nil, let key {
            stdout(
                "Signature: \(signaturePath) (key \((try? key.fingerprint()) ?? key.type)); send it with the manifest.\n"
            )
        } else {
            stdout("Not signed: no signing key is set up (see `dmf-wizard keys`).\n")
        }
        if let markingNote { stdout(markingNote) }

        guard let register else { return 0 }
        // The note ties the event to this manifest; the files let the register check a receipt.
        let request = EventRequest(
            kind: .sent, by: person,
            reason: "sealed in \(SealManifest.fileName(for: reference)), SHA-256 \(sealed.sha256)",
            files: sealed.manifest.files, proof: proof)
        do throws(RegisterError) {
            let event = try register.append(request, to: reference)
            let place = RegisterListing.place(of: event, in: try? register.history(reference))
            stdout("Recorded as sent in the register (\(register.location)), \(place).\n")
            return 0
        } catch {
            stderr(
                """
                dmf-wizard: the register did not record the sending: \(error.description)
                dmf-wizard: the manifest is written (\(sealed.path)), but the sending is not recorded. Once \
                that is put right, seal again with --force to record it.

                """)
            return 1
        }
    }

    /// Where the manifest goes: beside the first file (every file is in that folder).
    static func manifestPath(reference: String, firstFile: String) -> String {
        let folder = (firstFile as NSString).deletingLastPathComponent
        let name = SealManifest.fileName(for: reference)
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }
}

/// `dmf-wizard verify MANIFEST [--by NAME] [--receipt FILE]`: checks the files beside a
/// manifest, prints the receipt, writes it as JSON when asked, and records the receipt in the
/// register when one is given with `--by` (the recipient).
///
/// Order: check the request (and that the receipt file does not exist yet); read the manifest;
/// hash; print the receipt; write the receipt file; record the "received" event. The receipt
/// file is written before the register is asked, so a register failure never costs the
/// recipient their own record. The event is asked for whatever was found, so the register
/// compares the files with those it recorded as sent (a manifest can be replaced along with the
/// files; the register's record cannot) and refuses a receipt that does not match.
///
/// Exit status: 0 every file matched and nothing else is in the folder (and the receipt was
/// written and recorded, when asked); 1 the manifest cannot be used, a file changed, is missing
/// or cannot be read, the folder holds a file the manifest does not list, the receipt file could
/// not be written, or the register refused or failed; 2 bad usage (an empty `--by`, a receipt
/// path that is the manifest, an unusable `SOURCE_DATE_EPOCH`).
public struct VerifyCommand {
    public var manifestPath: String
    /// The recipient: written in the receipt, and, with a register, the person recorded.
    public var by: String?
    /// Where to write the receipt as JSON (never over an existing file).
    public var receiptPath: String?
    public var register: Register?
    public var clock: WallClock = .system
    public var progress = ProgressOptions()
    /// The key the receipt is signed with (`FILE.sig`, and the register's record); none: unsigned.
    public var signing: Signing = .none
    /// This desk's allowed signers, which judge the manifest's signature.
    public var trust: () -> SignerTrust = { .nobody }
    /// `--require-signature`: a manifest not signed by a trusted key fails.
    public var requireSignature = false
    /// The register requires signatures, so an unsigned manifest fails as with `--require-signature`.
    public var registerRequiresSignatures = false
    /// The login account, written in the receipt.
    public var account: () -> String? = { try? Account.current() }

    public init(manifestPath: String, by: String? = nil, receiptPath: String? = nil, register: Register? = nil) {
        self.manifestPath = manifestPath
        self.by = by
        self.receiptPath = receiptPath
        self.register = register
    }

    public func run(stdout: (String) -> Void = Console.out, stderr: (String) -> Void = Console.errorText) -> Int32 {
        func fail(_ message: String, _ status: Int32) -> Int32 {
            stderr("dmf-wizard: \(message)\n")
            return status
        }
        if let problem = clock.sourceDateEpochProblem { return fail(problem, 2) }
        // Nothing is checked without OpenSSL's library: said before the manifest is read.
        do throws(SealError) { try Seal.prepare() } catch { return fail(error.description, 1) }
        let person = by?.trimmingCharacters(in: .whitespaces)
        if let person, person.isEmpty || person.unicodeScalars.contains(where: Sanitizer.isInvisible) {
            return fail("--by needs the recipient's name, on one line", 2)
        }
        if let receiptPath {
            if URL(fileURLWithPath: receiptPath).standardizedFileURL
                == URL(fileURLWithPath: manifestPath).standardizedFileURL
            {
                return fail("the receipt cannot be written over the manifest; choose another --receipt file", 2)
            }
            // Checked before hashing, which can take minutes; SafeFile checks again when writing.
            if SafeFile.exists(receiptPath) {
                return fail("\(receiptPath) already exists; choose another --receipt file", 1)
            }
        }

        // The manifest and its signature first: who sealed it, or exactly why that is not known.
        let read: ReadManifest
        do throws(ManifestError) { read = try SealManifest.load(path: manifestPath) } catch {
            return fail(error.description, 1)
        }
        let seal = Seal.signature(of: read, manifestPath: manifestPath, trust: trust())
        let required = requireSignature || registerRequiresSignatures
        var status: Int32 = 0
        switch seal {
        case .notSigned:
            stdout("Seal: \(seal.description).\n")
            if required {
                let why = requireSignature ? "--require-signature" : "the register requires signatures"
                stdout(
                    "A signature is required (\(why)), so these files are not accepted as sent by anyone in particular.\n"
                )
                status = 1
            }
        case .checked(let finding, _) where finding.isTrusted:
            stdout("Seal: \(seal.description).\n")
        case .unusable, .checked:
            stdout("Seal: \(seal.description).\n")
            status = 1
        }

        let receipt: Receipt
        let bar = progress.bar()
        do throws(SealError) {
            var checked = try Seal.verify(
                read, manifestPath: manifestPath, by: person, account: account(), now: clock.now(),
                progress: bar.map { bar in { bar.update($0) } })
            checked.manifestSignature = seal.description
            // A receipt recorded in a register says where the register stood just before it.
            if let register, person != nil { checked.registerPosition = try? register.position() }
            receipt = checked
            bar?.finish()
        } catch {
            bar?.finish()
            return fail(error.description, 1)
        }
        stdout(receipt.textLines.joined(separator: "\n") + "\n")
        if !receipt.allMatched { status = 1 }

        // The receipt is signed by the recipient, once, for the file and the register alike.
        let receiptBytes = Array(receipt.json.utf8)
        var proof: EventProof?
        if receiptPath != nil || (register != nil && person != nil) {
            do { proof = try signing.sign(receiptBytes, for: .receipt) } catch {
                stderr("dmf-wizard: the receipt could not be signed: \(error.description)\n")
                return 1
            }
        }
        if let receiptPath {
            do throws(WriteError) {
                var files = [(receiptPath, receiptBytes)]
                if let proof { files.append((receiptPath + ".sig", Array(proof.signature.utf8))) }
                try SafeFile.writeAll(files, overwrite: false)
                stdout(
                    "Receipt: \(receiptPath)"
                        + (proof == nil
                            ? " (not signed: no signing key is set up)\n" : ", signed: \(receiptPath).sig\n"))
            } catch {
                stderr("dmf-wizard: \(error.description)\n")
                status = 1
            }
        }

        guard let register, let person else { return status }
        let request = EventRequest(
            kind: .received, by: person,
            reason: "checked against \(receipt.manifest), SHA-256 \(receipt.manifestSHA256)",
            files: receipt.receivedFiles, proof: proof)
        do throws(RegisterError) {
            let event = try register.append(request, to: receipt.reference)
            let place = RegisterListing.place(of: event, in: try? register.history(receipt.reference))
            stdout("Recorded as received in the register (\(register.location)), \(place).\n")
        } catch {
            stderr("dmf-wizard: the register did not record the receipt: \(error.description)\n")
            status = 1
        }
        return status
    }
}

/// Where a hashing progress bar goes, and when: only to a terminal. Injected so tests can
/// pretend to be one, and read the bar.
public struct ProgressOptions {
    /// Whether standard error is a terminal; never a bar on a pipe or in a log file.
    public var isTerminal: () -> Bool = { isatty(STDERR_FILENO) == 1 }
    /// Writes the bar as it is: it needs carriage returns, which `Console` removes.
    public var write: (String) -> Void = Console.errorUncleaned
    /// Nanoseconds from any fixed start.
    public var clock: () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }

    public init() {}

    func bar() -> ProgressBar? { isTerminal() ? ProgressBar(write: write, clock: clock) : nil }
}

/// One line on standard error, redrawn in place with a carriage return, and cleared with spaces
/// when done, so nothing is left between the lines printed after it. No escape sequences: a
/// dumb terminal shows it as well as any other.
final class ProgressBar {
    let write: (String) -> Void
    let clock: () -> UInt64
    let started: UInt64
    var lastDrawn: UInt64?
    var drawnWidth = 0

    /// Nothing for the first quarter second, so small files never flash a bar; then at most
    /// ten redraws a second, so a fast disk does not flood a slow terminal.
    static let delay: UInt64 = 250_000_000
    static let interval: UInt64 = 100_000_000

    init(write: @escaping (String) -> Void, clock: @escaping () -> UInt64) {
        self.write = write
        self.clock = clock
        started = clock()
    }

    func update(_ progress: HashProgress) {
        let now = clock()
        if let lastDrawn {
            guard now &- lastDrawn >= Self.interval else { return }
        } else {
            guard now &- started >= Self.delay else { return }
        }
        lastDrawn = now
        let line = Self.line(progress)
        let width = line.unicodeScalars.count
        write("\r" + line + String(repeating: " ", count: max(0, drawnWidth - width)))
        drawnWidth = max(drawnWidth, width)
    }

    func finish() {
        guard drawnWidth > 0 else { return }
        write("\r" + String(repeating: " ", count: drawnWidth) + "\r")
        drawnWidth = 0
    }

    /// `Hashing 2 of 3 big.iso [######----------]  40% 1.2 GB of 3.0 GB`, under 80 columns.
    static func line(_ progress: HashProgress) -> String {
        let fraction = progress.allTotal > 0 ? min(1, Double(progress.allDone) / Double(progress.allTotal)) : 1
        let filled = Int(fraction * 16)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 16 - filled)
        let percent = String(Int(fraction * 100))
        // The name is from the file system or a manifest: nothing invisible, and short.
        let fullName = Sanitizer.line(progress.name)
        let name = fullName.count > 14 ? fullName.prefix(13) + "…" : fullName
        return
            """
            Hashing \(progress.index) of \(progress.count) \(name) [\(bar)] \
            \(String(repeating: " ", count: max(0, 3 - percent.count)))\(percent)% \(size(progress.allDone)) of \
            \(size(progress.allTotal))
            """
    }

    /// `1.2 GB`: decimal units, one decimal place, for a glance.
    static func size(_ bytes: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f", value) + " " + units[unit]
    }
}

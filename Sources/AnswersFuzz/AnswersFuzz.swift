// Coverage-guided fuzz target for the answers-file reader (`AnswersParser.parse`).
//
// One executable, built two ways:
//  - plainly (`swift build`, `swift test`): a corpus replayer. `AnswersFuzz FILE|FOLDER...` runs each
//    file through `check` and traps on the first broken property; with no arguments it reads stdin.
//  - by scripts/fuzz-answers.sh, with `-DFUZZING -sanitize=fuzzer -enable-experimental-feature Extern`:
//    the libFuzzer binary. SwiftPM links every executable with `--defsym main=AnswersFuzz_main`
//    (its renamed `@main`), which silently wins over the `main` in libFuzzer's runtime, so `@main`
//    hands over to libFuzzer itself through `LLVMFuzzerRunDriver` (declared with `@_extern(c)`).
// The properties, for any bytes: the reader returns, or throws an error with at least one problem
// (never crashes, hangs or runs out of memory), in both modes; and whatever it accepts, written
// back by `AnswersWriter.yaml` and read again in the same mode, gives the same answers and step.

import DMFAnswers
import DMFPolicy
import Foundation

/// Runs one input through the reader in both modes and checks the properties above; traps otherwise.
func check(_ data: Data) {
    for mode in [AnswersParser.Mode.complete, .draft] {
        let document: AnswersDocument
        do {
            document = try AnswersParser.parse(data: data, file: "fuzz.yaml", mode: mode)
        } catch {
            if error.problems.isEmpty { fatalError("\(mode): AnswersFileError with no problems") }
            continue
        }
        let written = AnswersWriter.yaml(document.answers, resumeStep: document.resumeStep)
        let again: AnswersDocument
        do {
            again = try AnswersParser.parse(data: Data(written.utf8), file: "written.yaml", mode: mode)
        } catch {
            fatalError("\(mode): the written answers do not read back:\n\(error)\n--- written:\n\(written)")
        }
        if again.answers != document.answers || again.resumeStep != document.resumeStep {
            fatalError("\(mode): the written answers read back differently\n--- written:\n\(written)")
        }
    }
}

/// libFuzzer's entry point. Defined in plain builds too, so that it keeps compiling.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    check(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

#if FUZZING
    /// libFuzzer's driver (in the runtime `-sanitize=fuzzer` links): parses libFuzzer's options and fuzzes.
    @_extern(c, "LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @main
    enum Fuzz {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runFuzzerDriver(&argc, &argv, fuzzerTestOneInput))
        }
    }
#else
    /// The corpus replayer: every file named, and every file in every folder named (not recursive).
    @main
    enum Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.isEmpty {
                check(FileHandle.standardInput.readDataToEndOfFile())
                print("replayed standard input")
                return
            }
            var count = 0
            for argument in arguments {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                    FileHandle.standardError.write(Data("AnswersFuzz: no such file or folder: \(argument)\n".utf8))
                    exit(2)
                }
                let files: [String]
                if isFolder.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                    files = names.sorted().filter { !$0.hasPrefix(".") }.map { argument + "/" + $0 }
                } else {
                    files = [argument]
                }
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    check(data)
                    count += 1
                }
            }
            print("replayed \(count) files: no crash, every property held")
        }
    }
#endif

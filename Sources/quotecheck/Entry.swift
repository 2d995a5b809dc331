import ArgumentParser
import Dispatch
import Foundation
import QuoteCheck

/// Runs the command with one exit-status contract for all of them (docs/ci.md):
/// 0 no finding at error severity, 1 findings at error severity (a command says so by throwing
/// `ExitCode(1)`), 2 anything else that went wrong: usage, configuration, unreadable input,
/// unwritable output. ArgumentParser's own codes (64 for a usage error) are folded into 2.
@main
enum Entry {
    static func main() async {
        let handlers = InterruptCleanup.install()
        defer { withExtendedLifetime(handlers) {} }
        let code: Int32
        do {
            var command = try QuoteCheckCommand.parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            code = finishStandardOutput() ? 0 : 2
        } catch let exit as ExitCode {
            code = finishStandardOutput() ? Self.status(exit) : 2
        } catch {
            let status = QuoteCheckCommand.exitCode(for: error)
            let message = QuoteCheckCommand.fullMessage(for: error)
            if status == .success {
                // --help and --version: requested output, not an error.
                if !message.isEmpty { print(message) }
                code = finishStandardOutput() ? 0 : 2
            } else {
                _ = finishStandardOutput()
                if !message.isEmpty { FileHandle.standardError.write(Data("\(Self.prefixed(message))\n".utf8)) }
                code = 2
            }
        }
        exit(code)
    }

    /// Findings are 1; whatever else a command signalled is an error.
    static func status(_ exit: ExitCode) -> Int32 {
        exit.rawValue == 0 || exit.rawValue == 1 ? exit.rawValue : 2
    }

    /// Our own one-line errors carry the program name; ArgumentParser's usage errors already
    /// say "Error:" and show the usage.
    static func prefixed(_ message: String) -> String {
        message.hasPrefix("Error:") || message.hasPrefix("quotecheck:") || message.contains("\nUsage:") ? message : "quotecheck: \(message)"
    }

    /// Flushes what `print` buffered; false (after saying why) when standard output could not
    /// take it: a full disk or `/dev/full` must not pass for success.
    static func finishStandardOutput() -> Bool {
        // fflush(NULL): Swift 6 does not let us name the C global `stdout`. A stream whose
        // earlier write failed still holds the bytes, so the flush fails again and says so.
        if fflush(nil) == 0 { return true }
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("quotecheck: standard output: cannot write output: \(reason)\n".utf8))
        return false
    }
}

/// Removes temporary output files when the run is interrupted (Ctrl-C, `kill`, a CI timeout),
/// then dies of the same signal so the caller sees how the run ended.
enum InterruptCleanup {
    /// The handlers live as long as the caller keeps the returned sources.
    static func install() -> [DispatchSourceSignal] {
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                TemporaryFiles.process.removeAll()
                signal(number, SIG_DFL)
                raise(number)
            }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}

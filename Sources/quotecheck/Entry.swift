import ArgumentParser
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
///
/// The handler only writes the signal number into a pipe (all a signal handler may safely do,
/// on whichever thread the signal lands); a thread reading the pipe removes the files, which
/// takes a lock, restores the default action and raises the signal again.
enum InterruptCleanup {
    static let signals = [SIGINT, SIGTERM, SIGHUP]
    /// The pipe's write end, for the handler: set once before any handler is installed.
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    static func install() -> Thread? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        let readEnd = ends[0]
        writeEnd = ends[1]
        let waiter = Thread {
            var number: Int32 = 0
            while read(readEnd, &number, MemoryLayout<Int32>.size) != MemoryLayout<Int32>.size {}
            TemporaryFiles.process.removeAll()
            signal(number, SIG_DFL)
            var only = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, number)
            pthread_sigmask(SIG_UNBLOCK, &only, nil)
            raise(number)
        }
        waiter.start()
        // A parent may have spawned us with these signals blocked (Foundation's Process does):
        // then no handler would ever run. Threads started from here on inherit the unblocking.
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals {
            sigaddset(&set, number)
            signal(number) { received in
                var value = received
                _ = write(InterruptCleanup.writeEnd, &value, MemoryLayout<Int32>.size)
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return waiter
    }
}

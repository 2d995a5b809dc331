import Foundation
import Testing

/// Help texts are paragraphs that ArgumentParser wraps to the terminal; a line break written
/// into a help string shows as a ragged line ("…, the excluded⏎(boilerplate)⏎regions").
@Suite(.enabled(if: BadInputTests.executable != nil, "needs the quotecheck executable built"))
struct HelpTextTests {
    static let commands: [[String]] = [
        [], ["extract"], ["corpus"], ["text"], ["verify"], ["check"], ["consistency"], ["eval"], ["audit"], ["report"],
        ["review", "apply"], ["export"], ["rules", "lint"], ["rules", "test"], ["rules", "explain"], ["score-html"],
    ]

    /// A line ArgumentParser would have filled further: the next line's first word fits after it.
    static func raggedLines(in help: String, width: Int = 80) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var ragged: [String] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            guard !line.isEmpty, !line.hasPrefix(" "), !next.hasPrefix(" "), let first = next.split(separator: " ").first,
                first.first?.isLowercase == true
            else { continue }
            // A few columns of slack: ArgumentParser breaks a little short of the width.
            if line.count + 1 + first.count <= width - 6 { ragged.append(line) }
        }
        return ragged
    }

    @Test func raggedLineDetectionCatchesAHardBreak() {
        #expect(Self.raggedLines(in: "With --json, prints the excluded\n(boilerplate)\nregions") == ["(boilerplate)"])
        #expect(Self.raggedLines(in: "A line that ArgumentParser filled up to the width of eighty columns, then\nwrapped").isEmpty)
    }

    @Test(arguments: commands)
    func helpIsWrappedByArgumentParserOnly(_ command: [String]) throws {
        let result = try BadInputTests.runCLI(command + ["--help"])
        #expect(result.status == 0)
        #expect(Self.raggedLines(in: result.stdout).isEmpty, "quotecheck \(command.joined(separator: " ")) --help: \(Self.raggedLines(in: result.stdout))")
    }
}

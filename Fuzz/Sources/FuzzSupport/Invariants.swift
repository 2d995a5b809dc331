import CLibFuzzer
import Foundation
@_spi(Fuzzing) import QuoteLoader
import QuoteCheck

/// Shared by the fuzz targets: what must hold for every input, not only "no crash". A broken
/// invariant prints what broke and aborts, which libFuzzer reports as a crash with the input.
public enum Fuzz {
    public static let rules: RuleSet = {
        do { return try RuleSet.load() } catch { fail("built-in rules do not load: \(error)") }
    }()
    public static let textPipeline = Pipeline(rules: rules, format: .text)
    public static let htmlPipeline = Pipeline(rules: rules, format: .html)

    /// Runs libFuzzer's driver with the command line and `target`.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, target)
    }

    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    public static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("invariant broken: \(message)\n".utf8))
        abort()
    }

    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }

    /// The loaded text's offset map: in bounds, ordered, and every scalar decodes from its bytes
    /// when the encoding is UTF-8.
    public static func checkLoaded(_ loaded: LoadedText) {
        check(loaded.offsetMap.count == loaded.count, "offset map has \(loaded.offsetMap.count) entries for \(loaded.count) scalars")
        var previousStart = 0
        for index in 0..<loaded.count {
            let bytes = loaded.offsetMap.bytes(ofScalar: index)
            check(bytes.start >= 0 && bytes.start <= bytes.end && bytes.end <= loaded.rawBytes.count,
                  "scalar \(index) maps to \(bytes) outside the \(loaded.rawBytes.count) raw bytes")
            if loaded.media == .plainText {
                check(bytes.start >= previousStart, "scalar \(index) maps before scalar \(index - 1) in a text file")
            }
            previousStart = bytes.start
        }
    }

    /// Records of one loaded document: text at their offsets, offsets in bounds and ordered,
    /// byte ranges inside the file, valid JSON that reads back the same, and `verify` says ok.
    public static func checkRecords(_ records: [ClaimRecord], of loaded: LoadedText) {
        var previous = -1
        for record in records {
            let quote = record.quote
            check(quote.start >= 0 && quote.start <= quote.end && quote.end <= loaded.count, "quote \(quote.start)..<\(quote.end) out of bounds")
            check(quote.start >= previous, "records out of order at \(record.id)")
            previous = quote.start
            check(loaded.string(in: ScalarRange(start: quote.start, end: quote.end)) == quote.text, "quote text differs from the loaded text at its offsets")
            check(quote.sourceBytes.start >= 0 && quote.sourceBytes.end <= loaded.rawBytes.count && quote.sourceBytes.start <= quote.sourceBytes.end,
                  "quote sourceBytes \(quote.sourceBytes) outside the file")
            for part in quote.parts ?? [] {
                check(part.start >= quote.start && part.end <= quote.end && part.start <= part.end, "part \(part.range) outside the quote")
            }
            if let mention = record.speaker?.mention {
                check(mention.start >= 0 && mention.end <= loaded.count && mention.start <= mention.end, "mention out of bounds")
                check(loaded.string(in: ScalarRange(start: mention.start, end: mention.end)) == mention.text, "mention text differs")
            }
            if let cue = record.cue {
                check(cue.start >= 0 && cue.end <= loaded.count && cue.start <= cue.end, "cue out of bounds")
                check(loaded.string(in: ScalarRange(start: cue.start, end: cue.end)) == cue.text, "cue text differs")
            }
            let line = JSONLines.line(record)
            check((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "record is not valid JSON: \(line)")
            do {
                let back = try JSONLines.decode(line, path: "<fuzz>")
                check(back == [record], "record does not read back as written")
            } catch {
                fail("record written by extract does not read back: \(error)")
            }
        }
        let results = RecordVerifier(reload: { _ in .loaded(loaded) }).verify(records)
        for result in results where result.status != .ok {
            fail("verify does not accept what extract wrote: \(result.status) \(result.problems)")
        }
    }
}

extension Fuzz {
    /// A short article with direct, mixed and reported speech, for targets that fuzz something
    /// other than the document.
    public static let article: [UInt8] = Array("""
        Putin Meets Sharaa

        "We are ready to work together," the Russian president said on Tuesday.
        Sharaa said that Syria would honour its agreements. According to officials, the talks lasted three hours.
        "It was a frank exchange," Peskov told reporters, adding that "much remains to be done."

        """.utf8)

    /// A directory holding `article.txt` (the article above), the only file verify may read.
    public static let root: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quotecheck-fuzz-root-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.appendingPathComponent("article.txt").path, contents: Data(article))
        return directory.resolvingSymlinksInPath().path
    }()
}

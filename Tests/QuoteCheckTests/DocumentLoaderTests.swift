import Foundation
import Testing
@testable import QuoteLoader
import QuoteRules

@Suite struct DocumentLoaderTests {
    /// Paths whose extension Foundation reads in some unusual way: the byte-level test must
    /// agree with `NSString.pathExtension` on each, since it replaced it.
    static let awkwardPaths = [
        "a.html", "a.HTML", "dir/a.htm", "dir/a.Html", "a.xhtml", "/tmp/x.shtml", "a.TXT", "a.text", "a.Text",
        "a.", "a..html", ".html", "dir/.html", ".txt", "...", "a/...html", ".a.html", "dir/.a.txt",
        "dir.html/", "dir.html//", "a.html/", "a.txt/./", "a/./", "a.b/c", "a.b/c.txt", "a.ht/ml", "./a.html", "a//b.txt",
        "", "/", ".", "..", "a/..", "a/.", "x.tar.gz", "a.html.gz", "a.gz.html",
        "a.html ", "a .html", "a.htm l", "a. html", "é.html", "dir/é/b.HTM", "a\\b.html", "a.b\\c",
        "a.İ", "a.téxt", "a.HTMĹ", "a.\u{212A}", "a.h\u{0307}tml", "a.html\u{0000}",
    ]

    @Test(arguments: awkwardPaths)
    func extensionTestAgreesWithFoundation(path: String) {
        let foundation = (path as NSString).pathExtension.lowercased()
        for extensions in [DocumentLoader.htmlExtensions, DocumentLoader.textExtensions, ["gz", "c"]] {
            #expect(DocumentLoader.hasExtension(path, in: extensions) == extensions.contains(foundation), "\(extensions)")
        }
    }

    @Test func extensionDecidesBeforeTheBytes() {
        let html = Array("<html><body>x</body></html>".utf8)
        let text = Array("plain words".utf8)
        #expect(DocumentLoader.isHTML(bytes: text, uri: "dir/page.HTM", format: .auto))
        #expect(!DocumentLoader.isHTML(bytes: html, uri: "dir.html/notes.txt", format: .auto))
        #expect(DocumentLoader.isHTML(bytes: html, uri: "dir.txt/.html", format: .auto), "a dotfile has no extension: sniffed")
        #expect(!DocumentLoader.isHTML(bytes: text, uri: "page.", format: .auto))
    }

    /// Files around the read chunk (64 KiB) and the binary sniff (8 KiB) come back whole.
    @Test(arguments: [0, 1, 8191, 8192, 8193, 65535, 65536, 65537, 200_000])
    func readsEveryByte(size: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qc-read-\(size)-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251 + 1) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        var heads: [[UInt8]] = []
        let read = try DocumentLoader.read(path: path) { (head: [UInt8]) throws(LoadError) in heads.append(head) }
        #expect(read == bytes)
        #expect(heads == [Array(bytes.prefix(DocumentLoader.headLength))])
        if size > 0 {
            #expect(throws: LoadError.tooLarge(uri: path, size: size, limit: size - 1)) { try DocumentLoader.read(path: path, maxBytes: size - 1) }
        }
    }

    /// A pipe has no size: it is read in chunks, the head checked from the first of them.
    @Test func readsAPipeWithinTheLimit() throws {
        let pipe = Pipe()
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 7 + 0x61) }
        let writer = Thread { pipe.fileHandleForWriting.write(Data(bytes)); try? pipe.fileHandleForWriting.close() }
        writer.start()
        let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        var heads: [[UInt8]] = []
        let read = try DocumentLoader.read(path: path) { (head: [UInt8]) throws(LoadError) in heads.append(head) }
        #expect(read == bytes)
        #expect(heads == [Array(bytes.prefix(DocumentLoader.headLength))])
    }

    @Test func refusesABinaryHeadBeforeReadingOn() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qc-binary-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = Array("text".utf8) + [0] + Array(repeating: 0x61, count: 100_000)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let loader = DocumentLoader(rules: try RuleSet.load())
        #expect(throws: LoadError.binary(uri: path, byteOffset: 4)) { _ = try loader.read(path: path) }
    }

    /// The rules' own first-match loop agrees with asking each rule in order, and a line no rule
    /// matches is marked by none.
    @Test(arguments: [
        ("Advertisement", true), ("  ADVERTISEMENT  ", true), ("Story continues below advertisement", true),
        ("The mayor said the advertisement was paid for.", false), ("", false), ("x", false),
    ])
    func firstMatchingBoilerplateRule(line: String, isBoilerplate: Bool) throws {
        let rules = try RuleSet.load().boilerplate
        #expect(!rules.isEmpty)
        let scalars = ArraySlice(line.trimmingCharacters(in: .whitespaces).unicodeScalars)
        #expect(BoilerplateRule.firstMatch(in: rules, line: scalars) == rules.firstIndex { $0.matches(line: scalars) })
        let marked = BoilerplateMarker(rules: rules).regions(in: Array(line.unicodeScalars))
        #expect(marked.count == (isBoilerplate ? 1 : 0))
        #expect(marked.map(\.rule) == (BoilerplateRule.firstMatch(in: rules, line: scalars).map { [rules[$0].id] } ?? []))
    }
}

import Foundation
import Testing
@testable import QuoteCheck

/// Real quoted passages from PolNeAR `train`, altered in known ways, checked against the articles
/// they came from: each alteration must be classified as made, with the diff on the altered words.
/// Skipped when `../shared/data/polnear` is not next to the package.
@Suite struct CheckPolNeARTests {
    static let trainText = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/polnear/train/text")
    static var available: Bool { FileManager.default.fileExists(atPath: trainText.path) }

    enum Alteration: String, CaseIterable, Sendable {
        case none, dropWord, replaceWord, insertWord, addNegation, removeNegation, changeNumber, splice, elide
    }

    /// A deterministic generator, so a failure can be reproduced.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    struct Case {
        let alteration: Alteration
        let text: String
        /// Scalar ranges that must be touched by a change in the diff: in the quote (`quoteSide`)
        /// or in the reference document.
        let target: ScalarRange
        let quoteSide: Bool
    }

    static let critical = CriticalWords(lexicon: (try? RuleSet.load())?.lexicon ?? Lexicon())
    static let auxiliaries: Set<String> = ["is", "are", "was", "were", "will", "can", "would", "should", "could", "does", "did", "has", "have", "must"]

    /// Makes the altered quote text, or nil when the quote offers nothing to alter that way.
    static func alter(_ alteration: Alteration, quote: ClaimRecord, other: ClaimRecord?, random: inout Generator) -> Case? {
        let scalars = Array(quote.quote.text.unicodeScalars)
        let words = WordTokenizer.tokenize(scalars).filter(\.isSpoken)
        let texts = words.map { WordTokenizer.normalized($0, in: scalars) }
        func string(_ slice: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(slice)) }
        func replacing(_ range: ScalarRange, with text: String) -> String {
            string(scalars[..<range.start]) + text + string(scalars[range.end...])
        }
        let inner = Array(2..<max(2, words.count - 2))
        guard !inner.isEmpty else { return nil }
        let plain = inner.filter { !Self.critical.isNegation(texts[$0]) && !Self.critical.isNumber(texts[$0]) }
        func referenceRange(_ index: Int) -> ScalarRange {
            ScalarRange(start: quote.quote.start + Int(words[index].start), end: quote.quote.start + Int(words[index].end))
        }
        switch alteration {
        case .none:
            return Case(alteration: .none, text: quote.quote.text, target: ScalarRange(start: 0, end: 0), quoteSide: true)
        case .dropWord:
            guard !plain.isEmpty else { return nil }
            let index = plain[random.next(plain.count)]
            let cut = ScalarRange(start: Int(words[index].start), end: Int(words[index + 1].start))
            return Case(alteration: .dropWord, text: replacing(cut, with: ""), target: referenceRange(index), quoteSide: false)
        case .replaceWord, .insertWord:
            guard !plain.isEmpty else { return nil }
            let index = plain[random.next(plain.count)]
            let word = ["purple", "quietly", "enormous", "banana", "yesterday"][random.next(5)]
            guard texts[index] != word else { return nil }
            let start = Int(words[index].start)
            if alteration == .replaceWord {
                let text = replacing(words[index].range, with: word)
                return Case(alteration: .replaceWord, text: text, target: ScalarRange(start: start, end: start + word.unicodeScalars.count), quoteSide: true)
            }
            let text = replacing(ScalarRange(start: start, end: start), with: word + " ")
            return Case(alteration: .insertWord, text: text, target: ScalarRange(start: start, end: start + word.unicodeScalars.count), quoteSide: true)
        case .addNegation:
            guard let index = inner.first(where: { auxiliaries.contains(texts[$0]) && !Self.critical.isNegation(texts[$0 + 1]) }) else { return nil }
            let at = Int(words[index].end)
            let text = replacing(ScalarRange(start: at, end: at), with: " not")
            return Case(alteration: .addNegation, text: text, target: ScalarRange(start: at + 1, end: at + 4), quoteSide: true)
        case .removeNegation:
            guard let index = inner.first(where: { ["not", "never", "no"].contains(texts[$0]) }) else { return nil }
            let cut = ScalarRange(start: Int(words[index].start), end: Int(words[index + 1].start))
            return Case(alteration: .removeNegation, text: replacing(cut, with: ""), target: referenceRange(index), quoteSide: false)
        case .changeNumber:
            guard let index = words.indices.first(where: { words[$0].flags.contains(.numeric) }) else { return nil }
            var digits = Array(scalars[words[index].range.range])
            guard let digit = digits.firstIndex(where: { ("0"..."9").contains($0) }), let value = Int(String(digits[digit])),
                let changed = Unicode.Scalar(UInt32(48 + (value + 1) % 10))
            else { return nil }
            digits[digit] = changed
            let text = replacing(words[index].range, with: String(String.UnicodeScalarView(digits)))
            return Case(alteration: .changeNumber, text: text, target: words[index].range, quoteSide: true)
        case .splice:
            guard let other else { return nil }
            let otherScalars = Array(other.quote.text.unicodeScalars)
            let otherWords = WordTokenizer.tokenize(otherScalars).filter(\.isSpoken)
            guard words.count >= 8, otherWords.count >= 8 else { return nil }
            let half = words.count / 2
            let head = string(scalars[..<Int(words[half].start)])
            let tail = string(otherScalars[Int(otherWords[otherWords.count / 2].start)...])
            // The junction: the last word kept from the first quote and the first of the second.
            let junction = ScalarRange(start: Int(words[half - 1].start), end: head.unicodeScalars.count + Int(otherWords[otherWords.count / 2].end - otherWords[otherWords.count / 2].start))
            return Case(alteration: .splice, text: head + tail, target: junction, quoteSide: true)
        case .elide:
            guard words.count >= 12 else { return nil }
            let from = words.count / 3
            let to = from + 3
            let text = replacing(ScalarRange(start: Int(words[from].start), end: Int(words[to].start)), with: "… ")
            return Case(alteration: .elide, text: text, target: ScalarRange(start: 0, end: 0), quoteSide: true)
        }
    }

    /// What the check says was done to the quote.
    static func predicted(_ check: ClaimCheck) -> Alteration? {
        switch check.status {
        case .verbatim: return Alteration.none
        case .elided: return .elide
        case .notFound, .paraphraseOK, .paraphraseConflict: return nil
        case .spliced: return .splice
        case .altered: break
        }
        let changes = check.diff.filter(\.isChange)
        // A splice shows as a run of several words left out or put in at the junction; it may
        // carry a negation or number with it, so it is recognised first.
        let longRun = changes.contains { entry in
            max(entry.referenceText?.split(separator: " ").count ?? 0, entry.quoteText?.split(separator: " ").count ?? 0) >= 3
        }
        if changes.count > 1 || longRun { return .splice }
        if check.critical.contains("negation-added") { return .addNegation }
        if check.critical.contains("negation-dropped") { return .removeNegation }
        if check.critical.contains("number-changed") { return .changeNumber }
        switch changes.first?.kind {
        case .deleted: return .dropWord
        case .inserted: return .insertWord
        case .replaced: return .replaceWord
        default: return .splice
        }
    }

    @Test(.enabled(if: available, "needs ../shared/data/polnear"))
    func alterationsAreClassifiedAndLocated() throws {
        let rules = try RuleSet.load()
        let pipeline = Pipeline(rules: rules)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.trainText.path).filter { $0.hasSuffix(".txt") }.sorted()
        let labeler = SpeakerLabeler(rules: rules.speakerLabels)
        var references: [ReferenceDocument] = []
        var quotes: [[ClaimRecord]] = []
        for file in files.prefix(300) {
            let loaded = try pipeline.loader.load(path: Self.trainText.appendingPathComponent(file).path)
            references.append(ReferenceDocument(loaded: loaded, labels: labeler))
            quotes.append(pipeline.records(for: loaded).filter { record in
                let count = WordTokenizer.tokenize(Array(record.quote.text.unicodeScalars)).filter(\.isSpoken).count
                return (8...60).contains(count) && !record.quote.text.contains("…") && !record.quote.text.contains("...") && !record.quote.text.contains("[")
            })
        }
        let checker = QuoteChecker(index: ReferenceIndex(documents: references), rules: rules)
        var random = Generator(state: 2025)
        var cases: [(Case, ClaimCheck, ClaimRecord)] = []
        let started = Date()
        for documentQuotes in quotes {
            for (index, quote) in documentQuotes.enumerated() where index < 4 {
                let other = documentQuotes.count > 1 ? documentQuotes[(index + 1) % documentQuotes.count] : nil
                for alteration in Alteration.allCases {
                    guard let made = Self.alter(alteration, quote: quote, other: other, random: &random) else { continue }
                    cases.append((made, checker.check(text: made.text), quote))
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        var truePositives: [Alteration: Int] = [:]
        var predictedCounts: [Alteration: Int] = [:]
        var actualCounts: [Alteration: Int] = [:]
        var located: [Alteration: Int] = [:]
        for (made, check, quote) in cases {
            actualCounts[made.alteration, default: 0] += 1
            let prediction = Self.predicted(check)
            if let prediction { predictedCounts[prediction, default: 0] += 1 }
            if prediction == made.alteration { truePositives[made.alteration, default: 0] += 1 }
            if made.alteration == .splice, prediction != .splice, ProcessInfo.processInfo.environment["QUOTECHECK_DEBUG_SPLICE"] != nil {
                print("splice -> \(prediction.map(\.rawValue) ?? "not-found") \(check.similarity) \(check.diff.filter(\.isChange).map { "\($0.kind) q=\($0.quoteText ?? "") r=\($0.referenceText ?? "")" })")
            }
            if made.alteration == .none || made.alteration == .elide {
                if prediction == made.alteration { located[made.alteration, default: 0] += 1 }
                continue
            }
            // A splice is located by where its second stretch begins: at the junction, give or
            // take a word.
            let pieceHit = (check.pieces ?? []).dropFirst().contains { piece in
                made.quoteSide && ScalarRange(start: piece.quoteStart - 12, end: piece.quoteStart + 12).overlaps(made.target)
            }
            let hit = pieceHit || check.diff.filter(\.isChange).contains { entry in
                if made.quoteSide, let start = entry.quoteStart, let end = entry.quoteEnd {
                    return ScalarRange(start: start, end: max(end, start + 1)).overlaps(made.target)
                }
                if !made.quoteSide, let start = entry.referenceStart, let end = entry.referenceEnd, check.reference?.uri == quote.document.uri {
                    return ScalarRange(start: start, end: end).overlaps(made.target)
                }
                return false
            }
            if hit { located[made.alteration, default: 0] += 1 }
        }
        print("PolNeAR alteration check: \(cases.count) cases, \(references.count) reference articles, \(String(format: "%.1f", seconds * 1000 / Double(max(cases.count, 1)))) ms per quote (debug build)")
        print("type            n   precision  recall  diff-located")
        for alteration in Alteration.allCases {
            let actual = actualCounts[alteration] ?? 0
            guard actual > 0 else { continue }
            let positives = truePositives[alteration] ?? 0
            let precision = Double(positives) / Double(max(predictedCounts[alteration] ?? 0, 1))
            let recall = Double(positives) / Double(actual)
            let locatedShare = Double(located[alteration] ?? 0) / Double(actual)
            print(alteration.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: " %4d   %.3f     %.3f   %.3f", actual, precision, recall, locatedShare))
            #expect(recall >= 0.8, "\(alteration.rawValue) recall \(recall)")
            #expect(precision >= 0.8, "\(alteration.rawValue) precision \(precision)")
            #expect(locatedShare >= 0.8, "\(alteration.rawValue) located \(locatedShare)")
        }
        #expect(cases.count > 500)
    }
}

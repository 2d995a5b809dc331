import Foundation

/// One attribution from a brat standoff file: what was said (content), who said it (source) and
/// the speech cue, each possibly discontinuous. `source` and `cue` are empty when the annotators
/// gave none ("Syria may want them to stay, it was reported").
public struct BratAttribution: Sendable, Hashable {
    /// The E line's id, e.g. `E3`.
    public var id: String
    /// All content pieces, in text order; `Content2`, `Content3`, … arguments add to them.
    public var content: [ScalarRange]
    public var source: [ScalarRange]
    public var cue: [ScalarRange]
    /// The canonical name of the speaker: the `AnnotatorNotes` line on the Source's T line, when
    /// there is one. PolNeAR's own notes are comments, but none sits on a Source of the dev split.
    public var sourceName: String?
    /// 1-based line of the E line, for messages.
    public var line: Int

    public init(
        id: String, content: [ScalarRange], source: [ScalarRange] = [], cue: [ScalarRange] = [], sourceName: String? = nil, line: Int = 0
    ) {
        self.id = id
        self.content = content
        self.source = source
        self.cue = cue
        self.sourceName = sourceName
        self.line = line
    }
}

/// The attributions of one `.ann` file and what had to be skipped to get them.
public struct BratAnnotations: Sendable, Hashable {
    public var attributions: [BratAttribution]
    /// E lines naming a T line the file does not have; skipped.
    public var danglingEvents: Int
    /// E lines with no Content argument; skipped, since there is nothing to find.
    public var eventsWithoutContent: Int
    /// The largest end offset any T line names, and that line, so callers can check it against the text.
    public var furthestOffset: Int
    public var furthestOffsetLine: Int

    public init(attributions: [BratAttribution], danglingEvents: Int = 0, eventsWithoutContent: Int = 0, furthestOffset: Int = 0, furthestOffsetLine: Int = 0) {
        self.attributions = attributions
        self.danglingEvents = danglingEvents
        self.eventsWithoutContent = eventsWithoutContent
        self.furthestOffset = furthestOffset
        self.furthestOffsetLine = furthestOffsetLine
    }
}

/// Reads brat standoff as PolNeAR writes it.
///
/// Only `T` (text-bound) and `E` (event) lines matter. An event whose type starts with
/// `Attribution` (`Attribution`, `Attribution-no-source`) is one attribution; its arguments are
/// `Content`, `Content2`, …, `Source` and `Cue`. A note (`#1	AnnotatorNotes T3	Boris Johnson`) on
/// a Source gives the speaker's canonical name. Other labels (`Discard`, `Discuss`), other notes,
/// attributes and relations are ignored, and so are lines that do not start with an id: brat
/// writes the text of a span containing a newline over several lines.
public enum BratParser {
    struct TextBound {
        var label: String
        var ranges: [ScalarRange]
    }

    /// - Parameter path: names the file in errors.
    /// - Throws: ``EvaluationError/malformedLine(path:line:reason:)`` for a T or E line that cannot be read.
    public static func parse(_ content: String, path: String) throws(EvaluationError) -> BratAnnotations {
        var bounds: [Substring: TextBound] = [:]
        var events: [(line: Int, id: Substring, arguments: Substring)] = []
        var notes: [Substring: String] = [:]
        var furthest = (offset: 0, line: 0)
        for (index, line) in content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let id = line[..<tab]
            guard let kind = id.first, id.dropFirst().allSatisfy(\.isASCIIDigit), id.count > 1 else { continue }
            let fields = line[line.index(after: tab)...].split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            switch kind {
            case "T":
                let bound = try textBound(fields.first ?? "", path: path, line: lineNumber)
                for range in bound.ranges where range.end > furthest.offset { furthest = (range.end, lineNumber) }
                bounds[id] = bound
            case "E":
                events.append((lineNumber, id, fields.first ?? ""))
            case "#":
                let header = (fields.first ?? "").split(separator: " ", omittingEmptySubsequences: true)
                guard header.count == 2, header[0] == "AnnotatorNotes", fields.count == 2 else { continue }
                let note = fields[1].trimmingCharacters(in: .whitespaces)
                if !note.isEmpty { notes[header[1]] = note }
            default:
                continue
            }
        }

        var annotations = BratAnnotations(attributions: [], furthestOffset: furthest.offset, furthestOffsetLine: furthest.line)
        eventLoop: for event in events {
            var attribution = BratAttribution(id: String(event.id), content: [], line: event.line)
            var isAttribution = false
            for (position, argument) in event.arguments.split(whereSeparator: \.isWhitespace).enumerated() {
                guard let colon = argument.firstIndex(of: ":") else {
                    throw .malformedLine(path: path, line: event.line, reason: "event argument '\(argument)' has no ':'")
                }
                let role = argument[..<colon]
                let target = argument[argument.index(after: colon)...]
                guard let bound = bounds[target] else {
                    annotations.danglingEvents += 1
                    continue eventLoop
                }
                if position == 0 {
                    isAttribution = role.hasPrefix("Attribution")
                    continue
                }
                // brat numbers repeated roles: Content, Content2, Content3.
                switch String(role.reversed().drop(while: \.isASCIIDigit).reversed()) {
                case "Content": attribution.content.append(contentsOf: bound.ranges)
                case "Source":
                    attribution.source.append(contentsOf: bound.ranges)
                    if attribution.sourceName == nil { attribution.sourceName = notes[target] }
                case "Cue": attribution.cue.append(contentsOf: bound.ranges)
                default: continue
                }
            }
            guard isAttribution else { continue }
            guard !attribution.content.isEmpty else {
                annotations.eventsWithoutContent += 1
                continue
            }
            attribution.content.sort()
            attribution.source.sort()
            attribution.cue.sort()
            annotations.attributions.append(attribution)
        }
        return annotations
    }

    /// Reads `Label 852 904;918 1176`.
    static func textBound(_ field: Substring, path: String, line: Int) throws(EvaluationError) -> TextBound {
        guard let space = field.firstIndex(of: " ") else {
            throw .malformedLine(path: path, line: line, reason: "text-bound annotation has no offsets")
        }
        var ranges: [ScalarRange] = []
        for piece in field[field.index(after: space)...].split(separator: ";") {
            let numbers = piece.split(separator: " ")
            guard numbers.count == 2, let start = Int(numbers[0]), let end = Int(numbers[1]), start >= 0, start <= end else {
                throw .malformedLine(path: path, line: line, reason: "bad span '\(piece)', expected 'START END' with START <= END")
            }
            ranges.append(ScalarRange(start: start, end: end))
        }
        return TextBound(label: String(field[..<space]), ranges: ranges)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

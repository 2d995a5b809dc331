import Mustache
import QuoteCheck

/// A run of the article text with one role: plain text, a piece of a quote, or a speaker
/// mention or cue. The template writes each as text, with its classes and record id as
/// (escaped) attribute values.
struct ReportSegment: Sendable {
    var text: String
    var plain: Bool
    var quote: Bool
    var marker: Bool
    var classes: String
    var recordID: String
    var kind: String
    var flags: String
}

// Articles have thousands of runs: looked up by name, not by reflection (a third of a
// report's time went to `Mirror` before).
extension ReportSegment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "plain": return plain
        case "quote": return quote
        case "marker": return marker
        case "classes": return classes
        case "recordID": return recordID
        case "kind": return kind
        case "flags": return flags
        default: return nil
        }
    }
}

/// Cuts an article's text at every boundary of a quote piece, mention and cue, so spans never
/// overlap in the markup.
enum ReportSegments {
    struct Span {
        var range: ScalarRange
        var recordIndex: Int
    }

    /// - Parameters:
    ///   - colours: the speaker colour class of each record.
    ///   - flags: the audit flags of each record, space-separated.
    /// - Complexity: O(runs × spans): an article has tens of quotes, not thousands.
    static func segments(text scalars: [Unicode.Scalar], records: [ClaimRecord], colours: [String], flags: [String]) -> [ReportSegment] {
        var quotes: [Span] = []
        var mentions: [Span] = []
        var cues: [Span] = []
        for (index, record) in records.enumerated() {
            // Only the quoted pieces are highlighted: the narration between them is the reporter's.
            for part in record.quote.parts?.map(\.range) ?? [record.quote.range] {
                quotes.append(Span(range: clamp(part, scalars.count), recordIndex: index))
            }
            if let mention = record.speaker?.mention { mentions.append(Span(range: clamp(mention.range, scalars.count), recordIndex: index)) }
            if let cue = record.cue { cues.append(Span(range: clamp(cue.range, scalars.count), recordIndex: index)) }
        }
        var cuts = Set([0, scalars.count])
        for span in quotes + mentions + cues {
            cuts.insert(span.range.start)
            cuts.insert(span.range.end)
        }
        let boundaries = cuts.sorted()
        var segments: [ReportSegment] = []
        for (start, end) in zip(boundaries, boundaries.dropFirst()) where start < end {
            let text = String(String.UnicodeScalarView(scalars[start..<end]))
            // The shortest quote covering the run wins: a quote nested in a longer one stays clickable.
            let quote = quotes.filter { $0.range.start <= start && end <= $0.range.end }
                .min { ($0.range.end - $0.range.start) < ($1.range.end - $1.range.start) }
            let mention = mentions.first { $0.range.start <= start && end <= $0.range.end }
            let cue = cues.first { $0.range.start <= start && end <= $0.range.end }
            if let quote {
                var classes = ["q", colours[quote.recordIndex]]
                if mention != nil { classes.append("m") }
                if cue != nil { classes.append("c") }
                segments.append(
                    ReportSegment(
                        text: text, plain: false, quote: true, marker: false, classes: classes.joined(separator: " "),
                        recordID: records[quote.recordIndex].id, kind: records[quote.recordIndex].kind.rawValue, flags: flags[quote.recordIndex]))
            } else if let marker = mention ?? cue {
                let classes = mention != nil ? ["m", colours[marker.recordIndex]] + (cue != nil ? ["c"] : []) : ["c"]
                segments.append(
                    ReportSegment(
                        text: text, plain: false, quote: false, marker: true, classes: classes.joined(separator: " "),
                        recordID: records[marker.recordIndex].id, kind: "", flags: ""))
            } else {
                segments.append(ReportSegment(text: text, plain: true, quote: false, marker: false, classes: "", recordID: "", kind: "", flags: ""))
            }
        }
        return segments
    }

    static func clamp(_ range: ScalarRange, _ count: Int) -> ScalarRange {
        let start = min(max(range.start, 0), count)
        return ScalarRange(start: start, end: min(max(range.end, start), count))
    }
}

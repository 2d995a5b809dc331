import QuoteCheckText

/// Title, author, date and site name from a page's `<meta>` tags, `<title>`, first `<h1>` and
/// first `<time datetime>`: what the record's `document` object and ClaimReview exports need.
enum HTMLMetadata {
    private static let titleKeys = ["og:title", "twitter:title", "dc.title", "headline"]
    private static let authorKeys = ["author", "article:author", "parsely-author", "dc.creator", "byl", "sailthru.author", "twitter:creator"]
    private static let dateKeys = [
        "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued",
        "parsely-pub-date", "sailthru.date", "og:published_time", "article:modified_time", "datemodified",
    ]
    private static let siteKeys = ["og:site_name", "application-name", "publisher", "twitter:site"]

    static func extract(from document: HTMLDocument, encoding: String) -> DocumentMetadata {
        var values: [String: String] = [:]
        for (key, content) in document.metaTags {
            let trimmed = collapse(content)
            guard !trimmed.isEmpty, values[key] == nil else { continue }
            values[key] = trimmed
        }
        func first(_ keys: [String], rejectingURLs: Bool = false) -> String? {
            for key in keys {
                guard let value = values[key] else { continue }
                if rejectingURLs, value.hasPrefix("http") { continue }
                return value
            }
            return nil
        }
        return DocumentMetadata(
            title: first(titleKeys) ?? text(of: .title, in: document) ?? text(of: .h1, in: document),
            author: first(authorKeys, rejectingURLs: true),
            date: first(dateKeys) ?? document.firstTimeValue.map(collapse),
            siteName: first(siteKeys),
            encoding: encoding
        )
    }

    /// The collapsed text of the first element with this tag, if it has any.
    private static func text(of tag: HTMLTag, in document: HTMLDocument) -> String? {
        guard let element = document.elements.first(where: { $0.tag == tag }), element.closeEvent > element.openEvent else { return nil }
        var view = String.UnicodeScalarView()
        for event in document.events[Int(element.openEvent)...Int(element.closeEvent)] {
            guard case let .text(start, end, _) = event else { continue }
            view.append(contentsOf: document.textScalars[Int(start)..<Int(end)])
        }
        let result = collapse(String(view))
        return result.isEmpty ? nil : result
    }

    private static func collapse(_ text: String) -> String {
        var text = text
        // ASCII (nearly every value): the same split by bytes, without grapheme breaking.
        if let collapsed = text.withUTF8({ collapseASCII($0) }) { return collapsed }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whitespace runs (tab, line feed, vertical tab, form feed, carriage return, space: the
    /// ASCII White_Space scalars) as one space, none at the ends; nil for non-ASCII text.
    private static func collapseASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace { output.append(0x20) }
            pendingSpace = false
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

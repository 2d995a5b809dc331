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
            guard case let .text(start, end, _, utf8) = event else { continue }
            view.append(contentsOf: document.text(utf8: utf8, count: end - start))
        }
        let result = collapse(String(view))
        return result.isEmpty ? nil : result
    }

    private static func collapse(_ text: String) -> String {
        WhitespaceCollapsing.collapse(text)
    }
}

import QuoteCheckText
import QuoteRules

/// Picks the article out of a parsed page and renders it as text with an exact offset map.
///
/// Structure first (`<article>`, `<main>`, `itemprop=articleBody`, content class names), then
/// boilerplate signals inside the chosen container: the class/id vocabulary of
/// ``HTMLRules``, ARIA roles, hidden elements, and link density.
struct HTMLExtractor {
    let rules: HTMLRules
    let phraseStarts: PhraseStarts
    let document: HTMLDocument

    /// Per-element statistics, indexed like ``HTMLDocument/elements``.
    private var textCount: [Int32] = []
    private var linkCount: [Int32] = []
    /// Whether the element is left out by itself (not counting its ancestors).
    private var dropped: [Bool] = []
    /// The element before each one under the same parent, or -1.
    private var previousSibling: [Int32] = []

    init(rules: HTMLRules, phraseStarts: PhraseStarts? = nil, document: HTMLDocument) {
        self.rules = rules
        self.phraseStarts = phraseStarts ?? PhraseStarts(rules: rules)
        self.document = document
        computeStatistics()
    }

    // MARK: - Statistics

    private mutating func computeStatistics() {
        let elements = document.elements
        // First all visible text, so that a class/id never drops a block holding most of the page
        // (`<form>` around an ASP.NET page, a "has-sidebar" body, an unclosed `<div>` in `<noscript>`).
        let invisible = elements.map { $0.tag.isInvisible || $0.isHidden }
        let (visibleText, visibleLinks) = countText(excluding: invisible)
        let page = visibleText.max() ?? 0
        // The block most running-text paragraphs vote for, and its ancestors, hold the article
        // whatever their class says (`entry share`, `theiaStickySidebar`, `paywall-container`).
        var holdsArticle = Array(repeating: false, count: elements.count)
        var ancestor = densestBlock(text: visibleText, links: visibleLinks, excluded: withDescendants(invisible)) ?? -1
        while ancestor >= 0 {
            holdsArticle[Int(ancestor)] = true
            ancestor = elements[Int(ancestor)].parent
        }
        // List items and widgets repeat the same long class lists: each is judged once.
        var verdicts = VerdictCache(strings: document.strings.count)
        func boilerplate(of element: HTMLElement) -> HTMLRules.Boilerplate {
            if element.marker == 0 { return .none }
            return verdicts.verdict(of: element.marker, in: document.strings, rules: rules)
        }
        let emptyRoleIsBoilerplate = rules.boilerplateRoles.contains("")
        dropped = elements.indices.map { index in
            let element = elements[index]
            if invisible[index] { return true }
            let text = visibleText[index]
            guard text * 2 < page, !holdsArticle[index] else { return false }
            // Figure captions describe pictures the text does not show ("Photo: AP").
            if element.tag.isNeverContent || element.tag == .noscript || element.tag == .figcaption
                || (element.role == 0 ? emptyRoleIsBoilerplate : rules.boilerplateRoles.contains(document.strings[Int(element.role)]))
            {
                return true
            }
            // `<article class="post tag-sidebar print-active">`: the markup says what it is.
            if isArticleMarkup(element) { return false }
            switch boilerplate(of: element) {
            case .none: return false
            case .strong: return true
            case .weak:
                return text < rules.weakBoilerplateMaxText || Double(visibleLinks[index]) > rules.maxLinkDensity * Double(text)
            }
        }
        dropBoilerplatePhrases(visibleText: visibleText, invisible: invisible)
        (textCount, linkCount) = countText(excluding: dropped)
        dropHeadingsOfDroppedBlocks(visibleText: visibleText)
    }

    /// "Mehr zum Thema", "Read also:", "Titelbild: …", "Keine Kommentare": short blocks that
    /// are page furniture by their words alone, with no class or id to tell.
    private mutating func dropBoilerplatePhrases(visibleText: [Int32], invisible: [Bool]) {
        guard !rules.boilerplatePhrases.isEmpty else { return }
        let limit = Int32(rules.boilerplatePhraseMaxText)
        let prefixLength = Self.openingLength(rules: rules)
        // One buffer for every block's opening, not an array made for each.
        var opening: [Unicode.Scalar] = []
        opening.reserveCapacity(prefixLength + 4)
        for (offset, element) in document.elements.enumerated()
        where element.tag.isBlock && !dropped[offset] && visibleText[offset] > 0 && visibleText[offset] < limit && !isArticleMarkup(element) {
            visibleOpening(of: offset, length: prefixLength, invisible: invisible, into: &opening)
            if phraseStarts.mayOpenPhrase(opening), rules.opensWithBoilerplatePhrase(opening) { dropped[offset] = true }
        }
    }

    /// How much of a block's visible text the boilerplate phrases are looked for in: leading
    /// marks and a few spare scalars for the word-boundary test.
    static func openingLength(rules: HTMLRules) -> Int { rules.longestBoilerplatePhrase + 8 }

    /// The first `length` scalars of an element's visible text, lower-cased, whitespace collapsed.
    private func visibleOpening(of index: Int, length: Int, invisible: [Bool], into scalars: inout [Unicode.Scalar]) {
        let element = document.elements[index]
        scalars.removeAll(keepingCapacity: true)
        let events = document.events
        var position = Int(element.openEvent) + 1
        let close = Int(max(element.closeEvent, element.openEvent))
        events: while position < close {
            switch events[position] {
            case let .open(child):
                // Skip what is never shown without walking through it (an icon sprite, a script).
                if invisible[Int(child)] { position = max(position, Int(document.elements[Int(child)].closeEvent)) }
            case .close: break
            case let .text(start, end, _, utf8):
                for scalar in document.text(utf8: utf8, count: end - start) {
                    if scalar.isSpaceLike {
                        if let last = scalars.last, last != " " { scalars.append(" ") }
                    } else if scalar.value >= 0x41 && scalar.value <= 0x5A, let lower = Unicode.Scalar(scalar.value + 0x20) {
                        scalars.append(lower)
                    } else if scalar.isASCII {
                        scalars.append(scalar)
                    } else {
                        scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                    }
                    if scalars.count >= length { break events }
                }
            }
            position += 1
        }
    }

    /// "More on this topic" over a list of links: a subheading, or a short paragraph, whose next
    /// sibling is left out as boilerplate introduces nothing of the article.
    private mutating func dropHeadingsOfDroppedBlocks(visibleText: [Int32]) {
        let elements = document.elements
        // Text kept in the siblings after each element: a title over boilerplate that the article
        // goes on after ("Oberliga ist keine Pillepalle-Liga" over an ad) is the article's own.
        var keptAfter = Array(repeating: Int32(0), count: elements.count)
        var keptSoFar = Array(repeating: Int32(0), count: elements.count)
        for (offset, element) in elements.enumerated().reversed() where element.parent >= 0 {
            keptAfter[offset] = keptSoFar[Int(element.parent)]
            if !dropped[offset] && !isLinkList(offset) { keptSoFar[Int(element.parent)] += visibleText[offset] }
        }
        var lastChild = Array(repeating: Int32(-1), count: elements.count)
        previousSibling = Array(repeating: -1, count: elements.count)
        for (offset, element) in elements.enumerated() where element.parent >= 0 {
            let previous = Int(lastChild[Int(element.parent)])
            lastChild[Int(element.parent)] = Int32(offset)
            previousSibling[offset] = Int32(previous)
            guard previous >= 0, !dropped[previous], keptAfter[offset] < Self.maxTextAfterTitledBoilerplate else { continue }
            let tag = elements[previous].tag
            let isTitle = tag.isSubheading || ((tag == .p || tag == .div) && visibleText[previous] < Self.maxTitleText)
            // A heading is a title itself, not what the paragraph before it introduces.
            guard isTitle, !element.tag.isHeading, visibleText[previous] > 0, visibleText[offset] > 0 else { continue }
            if (dropped[offset] && !element.tag.isInvisible && !element.isHidden) || isLinkList(offset) { dropped[previous] = true }
        }
    }

    /// A paragraph shorter than this (non-space scalars) can be the title of the block after it.
    private static let maxTitleText: Int32 = 40
    /// A title over boilerplate followed by at least this much kept text belongs to the article.
    private static let maxTextAfterTitledBoilerplate: Int32 = 200

    /// Markup that names the article itself, whatever its class list says besides.
    private func isArticleMarkup(_ element: HTMLElement) -> Bool {
        element.tag == .article || element.tag == .main || element.isArticleBody || (element.role != 0 && document.strings[Int(element.role)] == "main")
    }

    /// Visible and link text (non-space scalars) under each element, leaving out excluded subtrees.
    private func countText(excluding excluded: [Bool]) -> (text: [Int32], links: [Int32]) {
        let elements = document.elements
        var text = Array(repeating: Int32(0), count: elements.count)
        var links = Array(repeating: Int32(0), count: elements.count)
        var stack: [Int32] = []
        var linkDepth = 0
        for event in document.events {
            switch event {
            case let .open(index):
                stack.append(index)
                if elements[Int(index)].tag == .a { linkDepth += 1 }
            case let .close(index):
                _ = stack.popLast()
                let element = elements[Int(index)]
                if element.tag == .a { linkDepth -= 1 }
                guard element.parent >= 0, !excluded[Int(index)] else { continue }
                text[Int(element.parent)] += text[Int(index)]
                links[Int(element.parent)] += links[Int(index)]
            case let .text(_, _, visible, _):
                guard let top = stack.last else { continue }
                text[Int(top)] += visible
                if linkDepth > 0 { links[Int(top)] += visible }
            }
        }
        return (text, links)
    }

    /// Whether the element or any ancestor is dropped.
    private func isDroppedWithAncestors(_ index: Int32) -> Bool {
        var current = index
        while current >= 0 {
            if dropped[Int(current)] { return true }
            current = document.elements[Int(current)].parent
        }
        return false
    }

    /// Flags spread from each flagged element to everything inside it: an element comes after
    /// its parent in ``HTMLDocument/elements``.
    private func withDescendants(_ flags: [Bool]) -> [Bool] {
        var result = flags
        for (offset, element) in document.elements.enumerated() where element.parent >= 0 && result[Int(element.parent)] {
            result[offset] = true
        }
        return result
    }

    // MARK: - Choosing the container

    /// The element holding the article, or nil for the whole document.
    func mainContainer() -> Int32? {
        var best: Int32?
        var bestText: Int32 = 0
        for (offset, element) in document.elements.enumerated() {
            let index = Int32(offset)
            let text = textCount[offset] - linkCount[offset]
            guard text > bestText, isArticleMarkup(element) || (element.marker != 0 && rules.isContent(marker: document.strings[Int(element.marker)])), !isDroppedWithAncestors(index) else {
                continue
            }
            best = index
            bestText = text
        }
        if let best, bestText >= rules.minMainTextLength { return widened(best) }
        let excluded = withDescendants(dropped)
        guard let densest = densestBlock(text: textCount, links: linkCount, excluded: excluded) else { return nil }
        return widened(densest)
    }

    /// The container, or nil for the whole page when the container holds too little of the
    /// page's running text (the article is spread over sibling blocks, or the wrong block won).
    private func widened(_ container: Int32) -> Int32? {
        let page = Double((textCount.max() ?? 0) - (linkCount.max() ?? 0))
        let inside = Double(textCount[Int(container)] - linkCount[Int(container)])
        return inside < rules.minContainerShare * page ? nil : container
    }

    /// Readability's idea: paragraphs vote for their parent (and half for the grandparent);
    /// the element with most votes holds the article.
    private func densestBlock(text textCount: [Int32], links linkCount: [Int32], excluded: [Bool]) -> Int32? {
        var score = Array(repeating: 0.0, count: document.elements.count)
        for (offset, element) in document.elements.enumerated() where element.tag == .p || element.tag == .pre || element.tag == .blockquote || element.tag == .td {
            let text = Double(textCount[offset] - linkCount[offset])
            guard text >= 25, element.parent >= 0 else { continue }
            let vote = 1 + min(text / 100, 3)
            score[Int(element.parent)] += vote
            let grandparent = document.elements[Int(element.parent)].parent
            if grandparent >= 0 { score[Int(grandparent)] += vote / 2 }
        }
        var best: Int32?
        var bestScore = 0.0
        for (offset, value) in score.enumerated() where value > bestScore && !excluded[offset] {
            best = Int32(offset)
            bestScore = value
        }
        return best
    }

    /// Whether a block inside the container is a list of links rather than text.
    private func isLinkList(_ index: Int) -> Bool {
        let text = textCount[index]
        guard text > 0 else { return false }
        switch document.elements[index].tag {
        case .ul, .ol, .dl, .div, .section, .table, .tr, .td, .dd, .li, .p, .header, .nav, .menu, .h2, .h3, .h4, .h5, .h6:
            return Double(linkCount[index]) > rules.maxLinkDensity * Double(text)
        default:
            return false
        }
    }

    // MARK: - Rendering

    /// The article text, its offset map and quote hints.
    func render() -> (scalars: [Unicode.Scalar], map: OffsetMap, hints: [QuoteHint]) {
        let container = mainContainer()
        var output = render(container: container, from: container.map(leadStart(of:)), applyBoilerplate: true)
        if output.scalars.isEmpty, container != nil {
            output = render(container: nil, from: nil, applyBoilerplate: false)
        }
        return output
    }

    /// The lead before the container: the article's first paragraphs often sit in a block of
    /// their own just before the body block (a teaser `<div>`, an intro `<p>`), or one level up.
    /// Preceding siblings with running text (or a heading) are taken back to the first that has
    /// other text, climbing to the parent while nothing with text precedes.
    /// - Returns: The event index the rendering starts at.
    private func leadStart(of container: Int32) -> Int {
        let elements = document.elements
        var start = Int(elements[Int(container)].openEvent)
        var current = container
        for _ in 0..<Self.leadLevels {
            var sibling = previousSibling[Int(current)]
            while sibling >= 0 {
                let index = Int(sibling)
                let running = textCount[index] - linkCount[index]
                if textCount[index] == 0 || dropped[index] || elements[index].tag.isHeading {
                    // Nothing shown (pictures, empty wrappers, chrome left out anyway), or a heading:
                    // taken only with a lead before it.
                } else if !isLinkList(index) && running >= Self.minLeadText {
                    start = Int(elements[index].openEvent)
                } else {
                    return start
                }
                sibling = previousSibling[index]
            }
            current = elements[Int(current)].parent
            if current < 0 { break }
        }
        return start
    }

    /// Whether an element is the container or an ancestor of it: with a lead, rendering starts
    /// before the container, inside its ancestors, which are shown whatever they look like.
    private func holdsContainer(_ index: Int32, _ container: Int32?) -> Bool {
        guard let container else { return false }
        let element = document.elements[Int(index)]
        let inner = document.elements[Int(container)]
        return element.openEvent <= inner.openEvent && max(element.closeEvent, element.openEvent) >= max(inner.closeEvent, inner.openEvent)
    }

    /// How many levels above the container the lead is looked for.
    private static let leadLevels = 3
    /// Running text (non-space scalars, links left out) that makes a preceding block a lead.
    private static let minLeadText: Int32 = 80

    private func render(container: Int32?, from start: Int?, applyBoilerplate: Bool) -> (scalars: [Unicode.Scalar], map: OffsetMap, hints: [QuoteHint]) {
        let events = document.events
        var walk = RenderWalk(plan: plan(container: container, from: start, applyBoilerplate: applyBoilerplate))
        // At most every text scalar of the range and a paragraph break (two scalars) before each
        // text: reserved at once, so the text is not copied as it grows.
        var capacity = 0
        for case let .text(start, end, _, _) in events[walk.range] { capacity += Int(end - start) + 2 }
        walk.emitter.reserveCapacity(capacity)
        var position = walk.range.lowerBound
        while position < walk.range.upperBound {
            walk.step(position, events[position], text: document)
            position = walk.next
        }
        return (walk.emitter.scalars, walk.emitter.map, walk.sortedHints)
    }

    /// The plan of a rendering of the article (`fallback` false: the container with its lead,
    /// boilerplate left out), or of the whole page's shown text (`fallback` true: what
    /// ``render()`` gives when the article rendering is empty).
    func plan(fallback: Bool) -> RenderPlan {
        guard !fallback else { return plan(container: nil, from: nil, applyBoilerplate: false) }
        let container = mainContainer()
        return plan(container: container, from: container.map(leadStart(of:)), applyBoilerplate: true)
    }

    private func plan(container: Int32?, from start: Int?, applyBoilerplate: Bool) -> RenderPlan {
        let elements = document.elements
        var range = 0..<document.eventCount
        if let container {
            let element = elements[Int(container)]
            range = (start ?? Int(element.openEvent))..<Int(max(element.closeEvent, element.openEvent) + 1)
        }
        // Text events before each event, to tell at once whether an element left out holds text.
        var textBefore = [Int32](repeating: 0, count: document.events.count + 1)
        for (offset, event) in document.events.enumerated() {
            if case .text = event { textBefore[offset + 1] = textBefore[offset] + 1 } else { textBefore[offset + 1] = textBefore[offset] }
        }
        var skipped: [Bool] = []
        var holdsText: [Bool] = []
        var closeEvents: [Int32] = []
        skipped.reserveCapacity(elements.count)
        holdsText.reserveCapacity(elements.count)
        closeEvents.reserveCapacity(elements.count)
        for (offset, element) in elements.enumerated() {
            let close = max(element.closeEvent, element.openEvent)
            let skips = skips(Int32(offset), container: container, applyBoilerplate: applyBoilerplate)
            skipped.append(skips)
            holdsText.append(skips && textBefore[Int(close) + 1] > textBefore[Int(element.openEvent)])
            closeEvents.append(close)
        }
        return RenderPlan(
            container: container, range: range, tags: elements.map(\.tag), skipped: skipped, holdsText: holdsText, closeEvents: closeEvents)
    }

    /// Whether the element at `index` is left out of a rendering (the container and its
    /// ancestors never are).
    private func skips(_ index: Int32, container: Int32?, applyBoilerplate: Bool) -> Bool {
        let element = document.elements[Int(index)]
        return !holdsContainer(index, container)
            && ((applyBoilerplate && (dropped[Int(index)] || isLinkList(Int(index)) || (element.tag == .header && container == nil)))
                || (!applyBoilerplate && (element.tag.isNeverContent || element.isHidden)))
    }
}

/// Boilerplate verdicts of a page's class/id markers (indices into ``HTMLDocument/strings``),
/// each distinct marker judged once, as a `[String: Boilerplate]` keyed by the marker did:
/// that spent more on hashing (SipHash, seeding, a normalization check) than on the lookups it
/// answered. ASCII markers (nearly all) go in an open-addressed table keyed by an FNV-1a-style
/// hash of their bytes; the rest in such a dictionary, whose keys are equal when canonically equivalent
/// (`a;b` and `a\u{37E}b`): lookups cross between the two where that can happen, so a marker
/// gets the verdict of the first one equal to it, as before.
struct VerdictCache {
    /// Marker indices (0: an empty slot) and their verdicts, a power of two of slots.
    private var keys: [Int32]
    private var verdicts: [HTMLRules.Boilerplate]
    private var others: [String: HTMLRules.Boilerplate] = [:]

    /// Room for up to `strings` distinct markers, at most half full.
    init(strings: Int) {
        var slots = 16
        while slots < 2 * strings { slots <<= 1 }
        keys = Array(repeating: 0, count: slots)
        verdicts = Array(repeating: .none, count: slots)
    }

    mutating func verdict(of marker: Int32, in strings: [String], rules: HTMLRules) -> HTMLRules.Boilerplate {
        var text = strings[Int(marker)]
        let (hash, ascii) = Self.hash(&text)
        guard ascii else {
            if let known = others[text] { return known }
            // Canonically equivalent to an ASCII marker only through these singletons (U+212A,
            // KELVIN SIGN, is gone once lower-cased).
            var folded = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{37E}" ? ";" : $0 == "\u{1FEF}" ? "`" : $0 }))
            let (foldedHash, foldedASCII) = Self.hash(&folded)
            let verdict = (foldedASCII ? find(folded, hash: foldedHash, in: strings).map { verdicts[$0] } : nil)
                ?? rules.boilerplate(marker: text)
            others[text] = verdict
            return verdict
        }
        if let slot = find(text, hash: hash, in: strings) { return verdicts[slot] }
        let verdict = others.isEmpty ? rules.boilerplate(marker: text) : others[text] ?? rules.boilerplate(marker: text)
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & (keys.count - 1)
        while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = marker
        verdicts[slot] = verdict
        return verdict
    }

    /// The slot of the ASCII marker `text`, if judged before.
    private func find(_ text: String, hash: UInt64, in strings: [String]) -> Int? {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
        while keys[slot] != 0 {
            if strings[Int(keys[slot])] == text { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// FNV-1a over the UTF-8, eight bytes at a time (byte by byte, long class lists made it a
    /// third of the cache's time), and whether it is all ASCII.
    private static func hash(_ text: inout String) -> (UInt64, Bool) {
        text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var high: UInt64 = 0
            let raw = UnsafeRawBufferPointer(bytes)
            var index = 0
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                hash = (hash ^ word) &* 0x100_0000_01b3
                hash ^= hash >> 32
                high |= word
                index += 8
            }
            while index < raw.count {
                hash = (hash ^ UInt64(raw[index])) &* 0x100_0000_01b3
                high |= UInt64(raw[index])
                index += 1
            }
            return (hash, high & 0x8080_8080_8080_8080 == 0)
        }
    }
}

/// What a rendering needs of the page's structure, element by element, decided once: a big
/// page's structure (its elements and events, about 100 bytes an element) is let go before its
/// text is rendered, and this kept instead (7 bytes an element).
struct RenderPlan: Sendable {
    /// The element holding the article, or nil for the whole page.
    let container: Int32?
    /// The events rendered: the container's (from its lead), or all.
    let range: Range<Int>
    let tags: [HTMLTag]
    /// Whether each element is left out, with all it holds.
    let skipped: [Bool]
    /// Whether an element left out holds text: leaving it out then ends the line.
    let holdsText: [Bool]
    /// Each element's close event (its open event when it was never closed).
    let closeEvents: [Int32]
}

/// Renders a page's events in order: block elements become paragraph breaks, `<br>` a line
/// break, whitespace collapses as a browser renders it, elements the extractor leaves out are
/// stepped over, and `<q>` and `<blockquote>` become quotation hints.
///
/// The events come from the document the extractor judged (a page parsed whole), or from a
/// second parse of the same bytes (a big page rendered as it is parsed, whose text is never
/// held whole): libxml2 reports the same events in the same order both times.
struct RenderWalk {
    let plan: RenderPlan
    var emitter = TextEmitter()
    /// The next event to render: events before it were rendered or stepped over.
    private(set) var next: Int
    /// `<q>` and `<blockquote>` elements open at this point: where each starts, and its first
    /// shown (not space-like) scalar once there is one.
    private var openQuotes: [(element: QuoteHint.Element, start: Int, shown: Int?)] = []
    private var hints: [QuoteHint] = []

    init(plan: RenderPlan) {
        self.plan = plan
        next = plan.range.lowerBound
    }

    /// The events rendered.
    var range: Range<Int> { plan.range }

    /// The hints of the quotation elements closed so far, in text order.
    var sortedHints: [QuoteHint] { hints.sorted { $0.range < $1.range } }

    /// Renders event `position` (`event`, whose text, if any, is in `text`) unless it lies
    /// outside ``range`` or inside an element stepped over.
    mutating func step(_ position: Int, _ event: HTMLEvent, text: HTMLDocument) {
        guard position >= next, range.contains(position) else { return }
        next = position + 1
        switch event {
        case let .open(index):
            let element = Int(index)
            if plan.skipped[element] {
                // Text left out mid-paragraph ends the line, so no line spans bytes it does not show.
                if plan.holdsText[element] { emitter.requestBreak(1) }
                next = max(Int(plan.closeEvents[element]), position) + 1
                return
            }
            let tag = plan.tags[element]
            if tag.isBlock { emitter.requestBreak(2) }
            switch tag {
            case .br: emitter.requestBreak(1)
            case .pre: emitter.preDepth += 1
            case .q: openQuote(.q)
            case .blockquote: openQuote(.blockquote)
            default: break
            }
        case let .close(index):
            let tag = plan.tags[Int(index)]
            if tag.isBlock { emitter.requestBreak(2) }
            switch tag {
            case .pre: emitter.preDepth -= 1
            case .q, .blockquote:
                noteShown()
                guard let open = openQuotes.popLast() else { break }
                if let shown = open.shown {
                    hints.append(QuoteHint(range: ScalarRange(start: shown, end: emitter.count), element: open.element))
                }
            default: break
            }
        case let .text(start, end, _, utf8):
            var scalars = text.text(utf8: utf8, count: end - start)
            text.textMap.forEachRange(in: Int(start)..<Int(end)) { rawStart, rawEnd in
                guard let scalar = scalars.next() else { return }
                emitter.append(scalar, start: Int32(truncatingIfNeeded: rawStart), end: Int32(truncatingIfNeeded: rawEnd))
            }
        }
    }

    private mutating func openQuote(_ element: QuoteHint.Element) {
        noteShown()
        openQuotes.append((element, emitter.count, nil))
        emitter.awaitsShown = true
    }

    /// Gives the open quotations still waiting for their first shown scalar the one the emitter
    /// has emitted since they opened, if any: the text of a quotation starts there, whatever
    /// breaks and spaces come before it.
    private mutating func noteShown() {
        guard !emitter.awaitsShown else { return }
        for index in openQuotes.indices.reversed() {
            guard openQuotes[index].shown == nil else { break }
            openQuotes[index].shown = emitter.firstShown
        }
    }
}

/// The boilerplate phrases indexed by their opening (first three scalars, or the whole of a
/// shorter phrase): most short blocks open with none of them, and
/// ``HTMLRules/opensWithBoilerplatePhrase(_:)`` (generic, in another module) need not be asked
/// about those; it still decides, word boundaries included, for the blocks that do.
struct PhraseStarts: Sendable {
    private static let keyLength = 3
    /// Phrases (lower-cased scalars) by ``key(_:from:length:)`` of their opening, for each
    /// opening length 1...keyLength (index 0 is unused).
    private let phrases: [[UInt64: [[Unicode.Scalar]]]]

    init(rules: HTMLRules) {
        var phrases = Array(repeating: [UInt64: [[Unicode.Scalar]]](), count: Self.keyLength + 1)
        // As HTMLRules indexes its phrases: the scalars of the lower-cased phrase.
        for phrase in rules.boilerplatePhrases {
            let scalars = Array(phrase.lowercased().unicodeScalars)
            guard !scalars.isEmpty else { continue }
            let length = min(scalars.count, Self.keyLength)
            phrases[length][Self.key(scalars, from: 0, length: length), default: []].append(scalars)
        }
        self.phrases = phrases
    }

    /// False when no phrase starts the text at either place phrases are looked for (the first
    /// non-whitespace scalar, the first letter or digit): then no phrase can open it.
    func mayOpenPhrase(_ text: [Unicode.Scalar]) -> Bool {
        if let first = text.firstIndex(where: { !Self.isWhitespace($0) }), hasPhrase(text, at: first) { return true }
        if let word = text.firstIndex(where: Self.isWordScalar), hasPhrase(text, at: word) { return true }
        return false
    }

    private func hasPhrase(_ text: [Unicode.Scalar], at start: Int) -> Bool {
        for length in 1...Self.keyLength where !phrases[length].isEmpty && start + length <= text.count {
            guard let candidates = phrases[length][Self.key(text, from: start, length: length)] else { continue }
            for phrase in candidates where start + phrase.count <= text.count {
                if text[start..<start + phrase.count].elementsEqual(phrase) { return true }
            }
        }
        return false
    }

    /// Up to three scalars (21 bits each) in one integer.
    private static func key(_ scalars: [Unicode.Scalar], from start: Int, length: Int) -> UInt64 {
        var key: UInt64 = 0
        for index in start..<start + length { key = key << 21 | UInt64(scalars[index].value) }
        return key
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value < 0x80 else { return scalar.properties.isWhitespace }
        return value == 0x20 || (value >= 0x09 && value <= 0x0D)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value < 0x80 else { return scalar.properties.isAlphabetic || scalar.properties.numericType != nil }
        return (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
    }
}

/// Collapses whitespace as a browser renders it and turns block boundaries into line breaks,
/// keeping every emitted scalar's raw byte range.
///
/// The scalars emitted so far are ``scalars`` from ``base`` on: a big page rendered as it is
/// parsed forgets those it has handed on (``forget(before:)``).
struct TextEmitter {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var map = OffsetMap(rawByteCount: 0)
    /// How many scalars were emitted and forgotten before ``scalars``.
    private(set) var base = 0
    /// Inside `<pre>` whitespace is kept as written.
    var preDepth = 0
    /// Set to learn the next scalar emitted that is not space-like: it is ``firstShown`` once
    /// this is false again.
    var awaitsShown = false
    private(set) var firstShown = 0
    /// 0: nothing, 1: a line break, 2: a paragraph break before the next text.
    private var pendingBreak = 0
    private var pendingSpace: (start: Int32, end: Int32)?
    private var lastRawEnd: Int32 = 0

    /// Scalars emitted in all.
    var count: Int { base + scalars.count }

    /// The map's raw byte count is left 0: the loader sets it.
    mutating func reserveCapacity(_ capacity: Int) {
        scalars.reserveCapacity(capacity)
        map = OffsetMap(rawByteCount: 0, capacity: capacity)
    }

    /// Forgets the scalars before `index` (and their map), which the caller has handed on.
    mutating func forget(before index: Int) {
        let dropped = min(max(0, index - base), scalars.count)
        guard dropped > 0 else { return }
        var kept = OffsetMap(rawByteCount: 0, capacity: scalars.count - dropped)
        map.forEachRange(in: dropped..<scalars.count) { start, end in kept.append(start: start, end: end) }
        map = kept
        scalars.removeSubrange(0..<dropped)
        base += dropped
    }

    mutating func requestBreak(_ level: Int) {
        pendingBreak = max(pendingBreak, level)
        pendingSpace = nil
    }

    mutating func append(_ scalar: Unicode.Scalar, start: Int32, end: Int32) {
        let value = scalar.value
        let collapsible = value == 0x20 || value == 0x0A || value == 0x09 || value == 0x0D || value == 0x0C
        if collapsible && preDepth == 0 {
            guard count > 0, pendingBreak == 0 else { return }
            if let space = pendingSpace {
                if space.end == start { pendingSpace = (space.start, end) }
            } else {
                pendingSpace = (start, end)
            }
            return
        }
        if count > 0 {
            if pendingBreak > 0 {
                // A break stands for the markup between the text before and after it.
                let breakEnd = max(start, lastRawEnd)
                for _ in 0..<pendingBreak {
                    scalars.append("\n")
                    map.append(start: Int(lastRawEnd), end: Int(breakEnd))
                }
            } else if let space = pendingSpace {
                scalars.append(" ")
                map.append(start: Int(space.start), end: Int(space.end))
            }
        }
        pendingBreak = 0
        pendingSpace = nil
        if awaitsShown, !scalar.isSpaceLike {
            firstShown = count
            awaitsShown = false
        }
        scalars.append(scalar)
        map.append(start: Int(start), end: Int(end))
        lastRawEnd = max(lastRawEnd, end)
    }
}

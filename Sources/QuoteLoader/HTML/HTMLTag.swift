/// The elements the extractor treats specially; everything else is `.other` (inline).
enum HTMLTag: UInt8, Sendable {
    case other
    case html, head, body, title, meta, link, base
    case script, style, noscript, template, svg, math, iframe, object, embed, canvas, video, audio
    case form, input, button, select, option, textarea, label, fieldset, dialog, menu
    case nav, header, footer, aside
    case article, main, section, div, p, blockquote, q, pre, address, center, details, summary, figure, figcaption
    case h1, h2, h3, h4, h5, h6, hgroup
    case ul, ol, li, dl, dt, dd
    case table, caption, thead, tbody, tfoot, tr, td, th
    case br, hr, a, time, img

    private static let byName: [String: HTMLTag] = [
        "html": .html, "head": .head, "body": .body, "title": .title, "meta": .meta, "link": .link, "base": .base,
        "script": .script, "style": .style, "noscript": .noscript, "template": .template, "svg": .svg, "math": .math,
        "iframe": .iframe, "object": .object, "embed": .embed, "canvas": .canvas, "video": .video, "audio": .audio,
        "form": .form, "input": .input, "button": .button, "select": .select, "option": .option, "textarea": .textarea,
        "label": .label, "fieldset": .fieldset, "dialog": .dialog, "menu": .menu,
        "nav": .nav, "header": .header, "footer": .footer, "aside": .aside,
        "article": .article, "main": .main, "section": .section, "div": .div, "p": .p, "blockquote": .blockquote,
        "q": .q, "pre": .pre, "address": .address, "center": .center, "details": .details, "summary": .summary,
        "figure": .figure, "figcaption": .figcaption,
        "h1": .h1, "h2": .h2, "h3": .h3, "h4": .h4, "h5": .h5, "h6": .h6, "hgroup": .hgroup,
        "ul": .ul, "ol": .ol, "li": .li, "dl": .dl, "dt": .dt, "dd": .dd,
        "table": .table, "caption": .caption, "thead": .thead, "tbody": .tbody, "tfoot": .tfoot, "tr": .tr, "td": .td, "th": .th,
        "br": .br, "hr": .hr, "a": .a, "time": .time, "img": .img,
    ]

    init(name: String) {
        self = Self.byName[name] ?? .other
    }

    /// Elements that end a paragraph where they open and close.
    var isBlock: Bool {
        switch self {
        case .html, .body, .article, .main, .section, .div, .p, .blockquote, .pre, .address, .center, .details, .summary,
            .figure, .figcaption, .h1, .h2, .h3, .h4, .h5, .h6, .hgroup, .ul, .ol, .li, .dl, .dt, .dd, .table, .caption,
            .thead, .tbody, .tfoot, .tr, .td, .th, .hr, .nav, .header, .footer, .aside, .form, .fieldset, .menu, .dialog,
            .title, .head, .noscript:
            return true
        default:
            return false
        }
    }

    /// Elements whose content is never article text, wherever they stand.
    var isNeverContent: Bool {
        switch self {
        case .head, .title, .meta, .link, .base, .script, .style, .template, .svg, .math, .iframe, .object, .embed,
            .canvas, .video, .audio, .form, .input, .button, .select, .option, .textarea, .label, .fieldset, .dialog,
            .menu, .nav, .footer, .aside:
            return true
        default:
            return false
        }
    }

    /// Elements a browser does not show as text at all.
    var isInvisible: Bool {
        switch self {
        case .head, .title, .meta, .link, .base, .script, .style, .template, .svg, .math, .iframe, .object, .embed,
            .canvas, .video, .audio, .select, .option, .textarea:
            return true
        default:
            return false
        }
    }

    /// Headings below the title.
    var isSubheading: Bool {
        switch self {
        case .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }
}

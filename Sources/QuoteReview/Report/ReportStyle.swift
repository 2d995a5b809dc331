/// The report's style sheet. Inline, and allowed by the Content-Security-Policy only through its
/// hash, so it has no `url()` and the page has no `style` attributes: speaker colours are
/// classes (`s0` … `s9`, `s-anon`, `s-none`).
enum ReportStyle {
    /// Speakers past the tenth reuse the palette.
    static let paletteSize = 10

    static let css = #"""
        :root{--ink:#1d2330;--muted:#5f6b7a;--line:#e3e7ee;--bg:#f6f7f9;--card:#fff;--accent:#2456d6;
        --c0:#2456d6;--c1:#9333ea;--c2:#15803d;--c3:#c2410c;--c4:#0e7490;--c5:#b91c1c;--c6:#a16207;--c7:#be185d;--c8:#4d7c0f;--c9:#475569;--anon:#6b7280;--none:#dc2626}
        *{box-sizing:border-box}
        html,body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        .topbar{position:sticky;top:0;z-index:5;display:flex;align-items:center;gap:16px;padding:10px 20px;background:#111827;color:#f9fafb;box-shadow:0 1px 3px rgba(0,0,0,.25)}
        .brand{font-weight:700;letter-spacing:.02em;white-space:nowrap}
        .logo{display:inline-block;background:var(--accent);color:#fff;border-radius:6px;padding:0 6px;margin-right:4px}
        .doc-title{flex:1;color:#cbd5e1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .reviewer{color:#cbd5e1;font-size:13px}
        .reviewer input{margin-left:6px;width:150px;padding:5px 8px;border-radius:6px;border:1px solid #374151;background:#1f2937;color:#f9fafb}
        .progress{color:#cbd5e1;font-size:13px;white-space:nowrap}
        button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid var(--line);background:#fff;color:var(--ink);padding:5px 12px}
        button:hover{border-color:#9ca3af}
        button.primary{background:var(--accent);border-color:var(--accent);color:#fff;font-weight:600}
        main{max-width:1320px;margin:0 auto;padding:20px}
        .index,.article{scroll-margin-top:64px}
        .index{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin-bottom:24px}
        .index h1{font-size:18px;margin:0 0 12px}
        .index table{width:100%;border-collapse:collapse}
        .index th,.index td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line)}
        .index th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
        .num{text-align:right!important;font-variant-numeric:tabular-nums}
        a{color:var(--accent)}
        .article{display:grid;grid-template-columns:minmax(0,780px) 380px;justify-content:center;gap:24px;margin-bottom:40px;align-items:start}
        .text-column{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:24px 32px}
        .article-head h2{font-size:15px;margin:0;word-break:break-all}
        .meta{color:var(--muted);margin:4px 0 16px;font-size:12.5px}
        .text{white-space:pre-wrap;font:17px/1.75 Georgia,"Iowan Old Style","Times New Roman",serif;max-width:72ch;overflow-wrap:anywhere}
        .q{border-radius:3px;padding:1px 0;cursor:pointer;border-bottom:2px solid currentColor;transition:background .1s}
        .q:focus{outline:none}
        .q.sel{outline:2px solid #111827;outline-offset:0}
        .q.off{background:none!important;border-bottom-color:transparent;cursor:default;color:inherit}
        .q.v-accepted{border-bottom-style:double;border-bottom-width:3px}
        .q.v-rejected{text-decoration:line-through;text-decoration-thickness:1px;opacity:.55}
        .q.v-corrected{border-bottom-style:dashed}
        .m{font-weight:600;border-bottom:1px dotted currentColor}
        .c{font-style:italic;background:#fef3c7;border-radius:3px;padding:0 2px}
        .panel{position:sticky;top:64px;display:flex;flex-direction:column;gap:12px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
        .card h3{margin:0 0 10px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
        .hint{color:var(--muted);margin:0}
        kbd{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 4px;background:#f9fafb}
        .chart{width:100%;height:auto;display:block}
        .chart .label,.chart .count{font-size:12px;fill:var(--ink)}
        .chart .track{fill:#eef1f5}
        .filter-group{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}
        .chip{display:inline-flex;align-items:center;gap:4px;border:1px solid var(--line);border-radius:999px;padding:2px 10px;font-size:12.5px;cursor:pointer;user-select:none}
        .chip .n{color:var(--muted)}
        .chip.flag{border-color:#fcd34d;background:#fffbeb}
        .record .who{font-size:17px;font-weight:700;margin:0}
        .record .title{color:var(--muted);margin:0 0 8px}
        .record .words{font:15px/1.5 Georgia,serif;border-left:3px solid #cbd5e1;padding-left:10px;margin:8px 0 12px;color:var(--ink)}
        .record dl{display:grid;grid-template-columns:92px 1fr;gap:4px 10px;margin:0 0 12px;font-size:13px}
        .record dt{color:var(--muted)}
        .record dd{margin:0;overflow-wrap:anywhere}
        .record code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
        .badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;background:#eef2ff;color:#3730a3;margin:0 4px 4px 0}
        .badge.warn{background:#fef3c7;color:#92400e}
        .badge.bad{background:#fee2e2;color:#991b1b}
        .badge.good{background:#dcfce7;color:#166534}
        .passage{background:#f9fafb;border:1px solid var(--line);border-radius:6px;padding:8px;font:13px/1.5 Georgia,serif}
        del{background:#fee2e2;color:#991b1b}
        ins{background:#dcfce7;color:#166534;text-decoration:none}
        .actions{display:flex;flex-wrap:wrap;gap:6px;align-items:center;border-top:1px solid var(--line);padding-top:10px}
        .actions input{flex:1;min-width:120px;padding:5px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}
        .actions .accept{border-color:#16a34a;color:#166534}
        .actions .reject{border-color:#dc2626;color:#991b1b}
        .verdict{font-size:12.5px;color:var(--muted);margin-top:6px}
        footer{color:var(--muted);text-align:center;padding:20px;font-size:12px}
        .s0{color:var(--c0)}.s1{color:var(--c1)}.s2{color:var(--c2)}.s3{color:var(--c3)}.s4{color:var(--c4)}.s5{color:var(--c5)}.s6{color:var(--c6)}.s7{color:var(--c7)}.s8{color:var(--c8)}.s9{color:var(--c9)}.s-anon{color:var(--anon)}.s-none{color:var(--none)}
        .q.s0{background:#e8eefc}.q.s1{background:#f3e8fd}.q.s2{background:#e6f4ea}.q.s3{background:#fdeee6}.q.s4{background:#e2f3f6}.q.s5{background:#fbe7e7}.q.s6{background:#fbf2dc}.q.s7{background:#fbe7f1}.q.s8{background:#edf5e0}.q.s9{background:#eceff3}.q.s-anon{background:#eef0f2}.q.s-none{background:#fde8e8}
        .q[class*=" s"]{color:var(--ink)}
        .q.s0{border-bottom-color:var(--c0)}.q.s1{border-bottom-color:var(--c1)}.q.s2{border-bottom-color:var(--c2)}.q.s3{border-bottom-color:var(--c3)}.q.s4{border-bottom-color:var(--c4)}.q.s5{border-bottom-color:var(--c5)}.q.s6{border-bottom-color:var(--c6)}.q.s7{border-bottom-color:var(--c7)}.q.s8{border-bottom-color:var(--c8)}.q.s9{border-bottom-color:var(--c9)}.q.s-anon{border-bottom-color:var(--anon)}.q.s-none{border-bottom-color:var(--none)}
        .bar.s0{fill:var(--c0)}.bar.s1{fill:var(--c1)}.bar.s2{fill:var(--c2)}.bar.s3{fill:var(--c3)}.bar.s4{fill:var(--c4)}.bar.s5{fill:var(--c5)}.bar.s6{fill:var(--c6)}.bar.s7{fill:var(--c7)}.bar.s8{fill:var(--c8)}.bar.s9{fill:var(--c9)}.bar.s-anon{fill:var(--anon)}.bar.s-none{fill:var(--none)}
        @media (max-width:900px){.article{grid-template-columns:1fr}.panel{position:static;max-height:none}}
        """#
}

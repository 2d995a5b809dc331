/// The report's script. Inline, allowed by the Content-Security-Policy only through its hash.
/// It reads the data block with `JSON.parse` and writes every value from the article or the
/// records with `textContent`, never as markup, so nothing in an article can become code.
enum ReportScript {
    static let javascript = #"""
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("qc-data").textContent);
          var STORE = "quotecheck.review/1";
          var REVIEWER = "quotecheck.reviewer";
          var entries = {};
          data.articles.forEach(function (article) {
            article.entries.forEach(function (entry) { entries[entry.record.id] = { entry: entry, article: article }; });
          });

          function readStore(key, fallback) {
            try { var value = JSON.parse(window.localStorage.getItem(key)); return value === null ? fallback : value; } catch (e) { return fallback; }
          }
          function writeStore(key, value) {
            try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage off: reviews live until the page closes */ }
          }
          var reviews = readStore(STORE, {});
          if (typeof reviews !== "object" || Array.isArray(reviews)) { reviews = {}; }
          function reviewKey(id) { return entries[id].article.sha256 + ":" + id; }

          var reviewerInput = document.getElementById("reviewer");
          reviewerInput.value = readStore(REVIEWER, "") || "";
          reviewerInput.addEventListener("change", function () { writeStore(REVIEWER, reviewerInput.value.trim()); });

          // One entry per record: the first highlighted piece is where navigation lands.
          var pieces = {};
          var order = [];
          Array.prototype.forEach.call(document.querySelectorAll(".q[data-record-id]"), function (node) {
            var id = node.getAttribute("data-record-id");
            if (!pieces[id]) { pieces[id] = []; order.push(id); }
            pieces[id].push(node);
          });
          var current = null;

          function el(tag, className, text) {
            var node = document.createElement(tag);
            if (className) { node.className = className; }
            if (text !== undefined && text !== null) { node.textContent = String(text); }
            return node;
          }
          function row(list, label, value) {
            list.appendChild(el("dt", null, label));
            var cell = el("dd");
            if (value instanceof Node) { cell.appendChild(value); } else { cell.textContent = value === undefined || value === null || value === "" ? "—" : String(value); }
            list.appendChild(cell);
          }
          function badge(text, tone) { return el("span", "badge" + (tone ? " " + tone : ""), text); }
          function span(part) { return part ? part.start + "–" + part.end + " (bytes " + part.sourceBytes[0] + "–" + part.sourceBytes[1] + ")" : ""; }

          // The reference passage with the quote's changes written in: deleted reference words
          // struck through, the quote's words inserted.
          function passage(check) {
            var box = el("div", "passage");
            var reference = check.reference;
            var text = Array.from(reference.text);
            var cursor = 0;
            function slice(from, to) { return text.slice(Math.max(0, from - reference.start), Math.max(0, to - reference.start)).join(""); }
            (check.diff || []).forEach(function (entry) {
              var start = entry.referenceStart === undefined || entry.referenceStart === null ? cursor + reference.start : entry.referenceStart;
              if (start - reference.start < cursor) { return; }
              box.appendChild(document.createTextNode(slice(cursor + reference.start, start)));
              if (entry.kind === "elided") {
                box.appendChild(el("span", "badge", "… " + (entry.referenceText || "") + " …"));
              } else {
                if (entry.referenceText) { box.appendChild(el("del", null, entry.referenceText)); }
                if (entry.quoteText) { box.appendChild(el("ins", null, entry.quoteText)); }
              }
              if (entry.referenceEnd !== undefined && entry.referenceEnd !== null) { cursor = entry.referenceEnd - reference.start; }
            });
            box.appendChild(document.createTextNode(slice(cursor + reference.start, reference.end)));
            return box;
          }

          function show(id) {
            if (!entries[id]) { return; }
            if (current && pieces[current]) { pieces[current].forEach(function (node) { node.classList.remove("sel"); }); }
            current = id;
            pieces[id].forEach(function (node) { node.classList.add("sel"); });
            var found = entries[id];
            var record = found.entry.record;
            var speaker = record.speaker;
            var section = document.getElementById(found.article.anchor);
            var card = section.querySelector(".record");
            card.textContent = "";
            var colour = pieces[id][0].className.split(" ").filter(function (c) { return /^s(\d+|-anon|-none)$/.test(c); })[0] || "";
            card.appendChild(el("p", "who speaker-name " + colour, speaker ? speaker.name : "No speaker found"));
            if (speaker && speaker.title) { card.appendChild(el("p", "title", speaker.title)); }
            var flags = el("div");
            flags.appendChild(badge(record.kind));
            (found.entry.flags || []).forEach(function (flag) { flags.appendChild(badge(flag, "warn")); });
            card.appendChild(flags);
            card.appendChild(el("blockquote", "words " + colour, "“" + found.entry.words + "”"));
            var list = el("dl");
            if (speaker) {
              row(list, "Mention", speaker.mention ? speaker.mention.text + "  @" + speaker.mention.start : "");
              row(list, "Resolved by", speaker.resolvedBy + (speaker.anonymous ? " (anonymous)" : ""));
              if (speaker.chain && speaker.chain.length) {
                var links = speaker.chain.map(function (link) { return link.text; });
                // The chain usually ends at the name's own mention; the name is added only when it does not.
                if (links[links.length - 1] !== speaker.name) { links.push(speaker.name); }
                row(list, "Chain", links.join(" → "));
              }
            }
            row(list, "Cue", record.cue ? record.cue.text : "");
            row(list, "Rule", el("code", null, record.rule));
            row(list, "Confidence", typeof record.confidence === "number" ? record.confidence.toFixed(3) : "");
            row(list, "Position", "line " + found.entry.line + ", column " + found.entry.column);
            row(list, "Offsets", span(record.quote));
            (record.quote.parts || []).forEach(function (part, index) { row(list, "Part " + (index + 1), span(part)); });
            var verify = found.entry.verify || "not verified";
            row(list, "Verify", badge(verify, verify === "ok" ? "good" : "bad"));
            if (record.check) {
              var check = record.check;
              var tone = check.status === "verbatim" || check.status === "elided" ? "good" : (check.critical && check.critical.length ? "bad" : "warn");
              var status = el("span");
              status.appendChild(badge(check.status, tone));
              status.appendChild(document.createTextNode(" similarity " + Number(check.similarity).toFixed(2)));
              (check.critical || []).forEach(function (kind) { status.appendChild(badge(kind, "bad")); });
              if (check.speaker === "mismatch") { status.appendChild(badge("speaker mismatch: " + (check.referenceSpeaker || ""), "bad")); }
              row(list, "Check", status);
              if (check.reference) {
                row(list, "Source", check.reference.uri + " " + check.reference.start + "–" + check.reference.end);
                row(list, "Passage", passage(check));
              }
            }
            card.appendChild(list);

            var actions = el("div", "actions");
            var accept = el("button", "accept", "Accept");
            accept.type = "button";
            accept.setAttribute("data-verdict", "accepted");
            var reject = el("button", "reject", "Reject");
            reject.type = "button";
            reject.setAttribute("data-verdict", "rejected");
            var input = el("input", "speaker-input");
            input.type = "text";
            input.placeholder = "Correct speaker…";
            input.setAttribute("list", "people-" + found.article.anchor);
            var save = el("button", "save", "Set speaker");
            save.type = "button";
            save.setAttribute("data-verdict", "corrected");
            accept.addEventListener("click", function () { decide(id, "accepted"); });
            reject.addEventListener("click", function () { decide(id, "rejected"); });
            save.addEventListener("click", function () { decide(id, "corrected", input.value); });
            input.addEventListener("keydown", function (event) { if (event.key === "Enter") { decide(id, "corrected", input.value); } });
            actions.appendChild(accept);
            actions.appendChild(reject);
            actions.appendChild(input);
            actions.appendChild(save);
            card.appendChild(actions);
            var review = reviews[reviewKey(id)];
            card.appendChild(el("p", "verdict", review ? describe(review) : "Not reviewed yet."));
            pieces[id][0].focus({ preventScroll: true });
          }

          function describe(review) {
            var text = review.verdict === "corrected" ? "Corrected to " + review.speaker : review.verdict.charAt(0).toUpperCase() + review.verdict.slice(1);
            return text + (review.reviewer ? " by " + review.reviewer : "") + ", " + review.time;
          }

          function decide(id, verdict, speaker) {
            if (verdict === "corrected") {
              speaker = (speaker || "").trim();
              if (!speaker) { return; }
            }
            var found = entries[id];
            reviews[reviewKey(id)] = {
              id: id,
              documentSha256: found.article.sha256,
              verdict: verdict,
              speaker: verdict === "corrected" ? speaker : null,
              reviewer: reviewerInput.value.trim(),
              time: new Date().toISOString()
            };
            writeStore(STORE, reviews);
            mark(id);
            show(id);
            progress();
          }

          function mark(id) {
            var review = reviews[reviewKey(id)];
            pieces[id].forEach(function (node) {
              node.classList.remove("v-accepted", "v-rejected", "v-corrected");
              if (review) { node.classList.add("v-" + review.verdict); }
            });
          }

          function progress() {
            var done = order.filter(function (id) { return reviews[reviewKey(id)]; }).length;
            document.getElementById("progress").textContent = done + " of " + order.length + " reviewed";
          }

          function reviewFile() {
            var list = order.filter(function (id) { return reviews[reviewKey(id)]; }).map(function (id) { return reviews[reviewKey(id)]; });
            return { schema: "quotecheck.review/1", reviews: list };
          }

          document.getElementById("export").addEventListener("click", function () {
            var blob = new Blob([JSON.stringify(reviewFile(), null, 2) + "\n"], { type: "application/json" });
            var link = document.createElement("a");
            link.href = URL.createObjectURL(blob);
            link.download = "quotecheck-review.json";
            document.body.appendChild(link);
            link.click();
            link.remove();
          });

          function visible(id) { return !pieces[id][0].classList.contains("off"); }

          function applyFilters(section) {
            var kinds = [];
            var flags = [];
            Array.prototype.forEach.call(section.querySelectorAll("input[data-filter]"), function (box) {
              if (!box.checked) { return; }
              (box.getAttribute("data-filter") === "kind" ? kinds : flags).push(box.value);
            });
            Array.prototype.forEach.call(section.querySelectorAll(".q[data-record-id]"), function (node) {
              var own = (node.getAttribute("data-flags") || "").split(" ").filter(Boolean);
              var shown = kinds.indexOf(node.getAttribute("data-kind")) >= 0 &&
                (flags.length === 0 || flags.some(function (flag) { return own.indexOf(flag) >= 0; }));
              node.classList.toggle("off", !shown);
            });
          }

          Array.prototype.forEach.call(document.querySelectorAll("section.article"), function (section) {
            section.addEventListener("change", function (event) {
              if (event.target.matches && event.target.matches("input[data-filter]")) { applyFilters(section); }
            });
          });

          document.addEventListener("click", function (event) {
            var node = event.target.closest ? event.target.closest(".q[data-record-id]") : null;
            if (node && !node.classList.contains("off")) { show(node.getAttribute("data-record-id")); }
          });

          function step(direction) {
            var shown = order.filter(visible);
            if (!shown.length) { return; }
            var index = shown.indexOf(current);
            if (index < 0) {
              // Nothing selected: start from the first quote in view (below the sticky bar), so
              // j after following an index link lands in that article.
              index = shown.findIndex(function (id) { return pieces[id][0].getBoundingClientRect().top >= 60; });
              if (index < 0 || direction < 0) { index = direction > 0 ? 0 : (index < 0 ? shown.length - 1 : Math.max(0, index - 1)); }
            } else {
              index = Math.min(shown.length - 1, Math.max(0, index + direction));
            }
            show(shown[index]);
            pieces[shown[index]][0].scrollIntoView({ block: "center" });
          }

          document.addEventListener("keydown", function (event) {
            var target = event.target;
            if (event.ctrlKey || event.metaKey || event.altKey) { return; }
            if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) { return; }
            switch (event.key) {
              case "Escape":
                if (current && pieces[current]) { pieces[current].forEach(function (node) { node.classList.remove("sel"); }); }
                current = null;
                break;
              case "j": step(1); break;
              case "k": step(-1); break;
              case "a": if (current) { decide(current, "accepted"); } break;
              case "r": if (current) { decide(current, "rejected"); } break;
              case "e":
                if (current) {
                  var field = document.getElementById(entries[current].article.anchor).querySelector(".speaker-input");
                  if (field) { field.focus(); }
                  event.preventDefault();
                }
                break;
              default: return;
            }
          });

          order.forEach(mark);
          progress();
        })();
        """#
}

"""Opens `quotecheck report` pages in headless Chromium (Debian's package, driven by Playwright)
and checks what only a browser can tell: highlights, clicks, keyboard review, the exported review
file, that hostile article text runs nothing, and that the page needs no network.

Usage: report_test.py CHROMIUM --case REPORT.html RECORDS.jsonl [--hostile] ... [--screenshot PNG]
Prints one line per check and closes with "N passed, N failed"; exits 1 when any failed.
"""
import argparse
import json
import pathlib
import re
import sys

from playwright.sync_api import sync_playwright

results = {"passed": 0, "failed": 0}


def check(condition, message):
    results["passed" if condition else "failed"] += 1
    print(("ok     " if condition else "FAILED ") + message, flush=True)
    return condition


def read_records(path):
    return [json.loads(line) for line in pathlib.Path(path).read_text(encoding="utf-8").split("\n") if line.strip()]


def open_report(browser, report):
    context = browser.new_context(offline=True, accept_downloads=True, viewport={"width": 1360, "height": 900})
    requests = []
    # Every request that is not the report file itself is refused and remembered: the page
    # must not need one.
    def route(route_):
        if route_.request.url != pathlib.Path(report).resolve().as_uri():
            requests.append(route_.request.url)
            route_.abort()
        else:
            route_.continue_()
    context.route("**/*", route)
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.goto(pathlib.Path(report).resolve().as_uri())
    page.wait_for_load_state("load")
    return context, page, requests, console_errors


def highlighted_ids(page):
    return page.eval_on_selector_all(
        ".q[data-record-id]", "nodes => Array.from(new Set(nodes.map(n => n.getAttribute('data-record-id'))))")


def first_piece(page, record_id):
    return page.locator(f'.q[data-record-id="{record_id}"]').first


def check_report(browser, name, report, records, hostile, screenshot):
    context, page, requests, console_errors = open_report(browser, report)
    ids = highlighted_ids(page)
    check(len(ids) == len(records), f"{name}: {len(ids)} highlighted quotes for {len(records)} records")
    check(set(ids) == {record["id"] for record in records}, f"{name}: every record id is highlighted")

    for record in records:
        first_piece(page, record["id"]).click()
        shown = page.locator("section.article .record .speaker-name").first.inner_text()
        wanted = record["speaker"]["name"] if record.get("speaker") else "No speaker found"
        check(shown == wanted, f"{name}: clicking {record['id']} shows speaker {wanted!r} (shown {shown!r})")
        result = record.get("check")
        if result:
            card = page.locator("section.article .record").first
            check(result["status"] in card.inner_text(), f"{name}: {record['id']} shows its check status {result['status']}")
            changes = [entry for entry in result.get("diff", []) if entry["kind"] in ("inserted", "deleted", "replaced")]
            if changes:
                marked = card.locator(".passage del, .passage ins").count()
                check(marked >= len(changes), f"{name}: {record['id']} marks its {len(changes)} change(s) in the passage")

    if hostile:
        flag = page.evaluate("() => typeof window.qcHostile === 'undefined' && typeof window.parent.qcHostile === 'undefined'")
        check(flag, f"{name}: no script from the article ran (window.qcHostile unset)")
        text = page.locator(".text").first.inner_text()
        check("<script>" in text or "&lt;script&gt;" in text or "<img" in text or "<iframe" in text,
              f"{name}: the article's markup shows as text")
        check(page.locator(".text script, .text img, .text iframe, .text a, .text svg, .text style").count() == 0,
              f"{name}: no element made from the article's text")
        check("{{{payload}}}" in text or "{{#hostile}}" in text, f"{name}: template syntax shows as text")

    # Review: accept by button, reject by key, correct the speaker by key and typing.
    page.fill("#reviewer", "Test Reviewer")
    page.dispatch_event("#reviewer", "change")
    page.locator("body").click(position={"x": 5, "y": 860})
    page.keyboard.press("Escape")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.keyboard.press("j")
    selected = page.eval_on_selector_all(".q.sel", "nodes => nodes.map(n => n.getAttribute('data-record-id'))")
    check(bool(selected) and selected[0] == records[0]["id"], f"{name}: j selects the first quote")
    page.locator("section.article .record button[data-verdict=accepted]").first.click()
    page.keyboard.press("j")
    page.keyboard.press("r")
    expected = {records[0]["id"]: ("accepted", None), records[1]["id"]: ("rejected", None)}
    if len(records) > 2:
        page.keyboard.press("j")
        page.keyboard.press("e")
        page.keyboard.type("Corrected Person")
        page.keyboard.press("Enter")
        expected[records[2]["id"]] = ("corrected", "Corrected Person")
    page.keyboard.press("k")
    selected = page.eval_on_selector_all(".q.sel", "nodes => nodes.map(n => n.getAttribute('data-record-id'))")
    check(bool(selected) and selected[0] == records[1 if len(records) > 2 else 0]["id"], f"{name}: k goes back one quote")
    check(page.inner_text("#progress").startswith(f"{len(expected)} of {len(records)}"), f"{name}: progress counts the reviews")

    with page.expect_download() as download_info:
        page.click("#export")
    exported = json.loads(pathlib.Path(download_info.value.path()).read_text(encoding="utf-8"))
    check(exported.get("schema") == "quotecheck.review/1", f"{name}: review file schema")
    reviews = {review["id"]: review for review in exported.get("reviews", [])}
    check(set(reviews) == set(expected), f"{name}: the review file has the reviewed records")
    sha = records[0]["document"]["sha256"]
    for record_id, (verdict, speaker) in expected.items():
        review = reviews.get(record_id, {})
        good = (review.get("verdict") == verdict and review.get("speaker") == speaker and review.get("documentSha256") == sha
                and review.get("reviewer") == "Test Reviewer"
                and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", review.get("time", "")) is not None)
        check(good, f"{name}: review of {record_id} is {verdict} {speaker or ''} with hash, reviewer and time")

    # Reviews survive a reload (browser storage).
    page.reload()
    page.wait_for_load_state("load")
    # The page's script fills the progress line from storage; on a loaded machine that can land
    # just after the load event, so wait for it (the check below still decides).
    try:
        page.wait_for_function("n => document.querySelector('#progress').textContent.startsWith(n + ' of')",
                               arg=len(expected), timeout=5000)
    except Exception:
        pass
    check(page.inner_text("#progress").startswith(f"{len(expected)} of"), f"{name}: reviews are kept across a reload")

    # Filters: only unattributed quotes stay highlighted.
    unattributed = [record["id"] for record in records if not record.get("speaker")]
    page.locator("input[data-filter=flag][value=unattributed]").first.check()
    on = page.eval_on_selector_all(".q[data-record-id]:not(.off)", "nodes => Array.from(new Set(nodes.map(n => n.getAttribute('data-record-id'))))")
    check(set(on) == set(unattributed), f"{name}: the unattributed filter leaves {len(unattributed)} quotes")
    page.locator("input[data-filter=flag][value=unattributed]").first.uncheck()

    if screenshot:
        page.evaluate("() => window.localStorage.clear()")
        page.reload()
        page.wait_for_load_state("load")
        first_piece(page, records[0]["id"]).click()
        page.mouse.move(0, 0)
        # The whole page in one viewport, scrolled to the top, so the sticky header and panel
        # sit where a reader sees them.
        height = page.evaluate("() => document.documentElement.scrollHeight")
        page.set_viewport_size({"width": 1360, "height": height})
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=screenshot)
        print(f"screenshot {screenshot}")

    check(not requests, f"{name}: no network request ({requests[:3]})")
    check(not console_errors, f"{name}: no console errors or CSP refusals ({console_errors[:3]})")
    context.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chromium")
    parser.add_argument("--case", nargs=2, action="append", default=[], metavar=("REPORT", "RECORDS"))
    parser.add_argument("--hostile", nargs=2, action="append", default=[], metavar=("REPORT", "RECORDS"))
    parser.add_argument("--screenshot")
    arguments = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=arguments.chromium, args=["--no-sandbox"])
        for index, (report, records) in enumerate(arguments.case):
            check_report(browser, pathlib.Path(report).name, report, read_records(records), False,
                         arguments.screenshot if index == 0 else None)
        for report, records in arguments.hostile:
            check_report(browser, pathlib.Path(report).name, report, read_records(records), True, None)
        browser.close()
    print(f"browser: {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

// Opens the built catalogue book in headless Chromium as a reader would, and fails (exit 1) when
//   - a page does not declare its language in its HTML (before any script runs);
//   - a table is wider than the content column (a column hidden or scrolled away), or a word in a
//     table is split across two lines (letters or digits on both sides of the break, outside
//     Chinese and Japanese script), at a desktop window (1400x1000) and at a phone's (390x844), on
//     every page;
//   - a name typed into the search box of its page does not list that page first, with a section
//     holding the name's row among the (at most three) sections shown for it;
//   - an event ID (whole, or its last two segments) is not found in its row on every page that
//     lists it, or its page's own row is not among the first result's sections;
//   - a result snippet runs table cells together (two header cells, or a name and its ID).
// The queries come from a JSON file the Rust test samples from the catalogue with a fixed seed:
//   { names: [{query, from, page, kind}], ids: [{query, id, from, pages, kind}] }
// Screenshots of every page at both sizes and of the searches go to the artifacts folder.
//
// Usage: node check-book.mjs <built book folder (with pagefind/)> <artifacts folder> <queries.json>
// Chromium is Debian's /usr/bin/chromium (CHROMIUM overrides); playwright-core never downloads a
// browser. The book is served on 127.0.0.1 only, on a free port.

import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

const [site, artifacts, queriesFile] = process.argv.slice(2).map((p) => p && resolve(p));
if (!site || !artifacts || !queriesFile) {
    console.error("usage: node check-book.mjs <book folder> <artifacts folder> <queries.json>");
    process.exit(2);
}
mkdirSync(artifacts, { recursive: true });
const QUERIES = JSON.parse(readFileSync(queriesFile, "utf8"));

const PAGES = ["index.html", "nhn/ko.html", "nhn/en.html", "nhn/ja.html", "nhn/zh.html", "changes.html",
    "kakao/events.html", "roles.html", "report.html"];
// The language each page is written in.
const LANGS = { "nhn/ko.html": "ko", "nhn/ja.html": "ja", "nhn/zh.html": "zh" };
const VIEWPORTS = [
    { name: "desktop", width: 1400, height: 1000 },
    { name: "phone", width: 390, height: 844 },
];

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
    ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2",
    ".woff": "font/woff", ".ttf": "font/ttf" };

function serve(root) {
    const server = createServer((req, res) => {
        let path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
        let file = normalize(join(root, path));
        if (file !== root && !file.startsWith(root + sep)) {
            res.writeHead(403).end();
            return;
        }
        try {
            if (statSync(file).isDirectory()) file = join(file, "index.html");
            const body = readFileSync(file);
            res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
            res.end(body);
        } catch {
            res.writeHead(404).end("not found");
        }
    });
    return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/// Every table of the page (collapsed ones opened) whose width exceeds its content column, or
/// whose last header cell ends outside it, or that scrolls sideways in its box (allowed, when
/// `allowScroll`, only for a table whose narrowest layout is wider than the column):
/// {count, scrolled, overflowing: [{section, table, column}]}.
async function overflowingTables(page, allowScroll) {
    return page.evaluate((allowScroll) => {
        document.querySelectorAll("details").forEach((d) => (d.open = true));
        const main = document.querySelector("main");
        const column = main.getBoundingClientRect();
        const out = [];
        let count = 0;
        let scrolled = 0;
        for (const table of main.querySelectorAll("table")) {
            count++;
            const rect = table.getBoundingClientRect();
            const cells = [...table.querySelectorAll("thead th, thead td")];
            const last = cells.length ? cells[cells.length - 1].getBoundingClientRect() : rect;
            const wrapper = table.parentElement;
            // A table may scroll sideways inside its box only as the last resort: when even its
            // narrowest layout (every cell at its longest unbreakable word) is wider than the column.
            const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
            let allowed = false;
            if (scrolls && allowScroll) {
                const width = table.style.width;
                table.style.width = "min-content";
                allowed = table.getBoundingClientRect().width > column.width + 1;
                table.style.width = width;
                if (allowed) scrolled++;
            }
            const outside = allowed
                ? wrapper.getBoundingClientRect().right > column.right + 1
                : rect.right > column.right + 1 || last.right > column.right + 1 || scrolls;
            if (outside) {
                // The nearest heading above the table names the section.
                let el = table.closest(".table-wrapper") || table;
                let heading = null;
                while (el && !heading) {
                    el = el.previousElementSibling || el.parentElement;
                    if (el && /^H[1-6]$/.test(el.tagName)) heading = el.textContent.trim();
                }
                out.push({ section: heading, table: Math.round(rect.width), column: Math.round(column.width) });
            }
        }
        return { count, scrolled, overflowing: out };
    }, allowScroll);
}

/// Every word in a table cell (collapsed ones opened) that is split across two lines: a line
/// break with a letter or digit on each side, unless one side is Chinese or Japanese script
/// (which breaks between characters). Breaks at spaces, after `.`, `_`, `/`, `-` and other
/// punctuation are allowed. Returns {cells, broken: ["left|right in «cell text»"]}.
async function brokenWords(page) {
    return page.evaluate(() => {
        document.querySelectorAll("details").forEach((d) => (d.open = true));
        const word = /[\p{L}\p{N}]/u;
        const cjk = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc\u3005]/u;
        const inWord = (c) => word.test(c) && !cjk.test(c);
        const range = document.createRange();
        const lines = (rects) => {
            const tops = [];
            for (const r of rects) {
                if (r.width === 0 || r.height === 0) continue;
                if (!tops.some((t) => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
            }
            return tops.length;
        };
        const broken = [];
        let cells = 0;
        for (const cell of document.querySelectorAll("main table td, main table th")) {
            cells++;
            range.selectNodeContents(cell);
            if (lines(range.getClientRects()) <= 1) continue;
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            let prev = null;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.data;
                for (let i = 0; i < text.length; i++) {
                    const ch = text[i];
                    if (/\s/.test(ch)) {
                        prev = null;
                        continue;
                    }
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const r = range.getBoundingClientRect();
                    if (r.height === 0) continue;
                    if (prev && r.top - prev.top > r.height / 2 && inWord(prev.ch) && inWord(ch)) {
                        const all = cell.textContent.replace(/\s+/g, " ").trim();
                        broken.push(`${prev.ch}|${ch} in «${all.slice(0, 80)}»`);
                    }
                    prev = { ch, top: r.top };
                }
            }
        }
        return { cells, broken };
    });
}

/// Adjacent header cells of the page's tables, run together ("NameEvent ID"): what a result
/// snippet would show if the indexed text glued the cells.
async function gluedHeaders(page) {
    return page.evaluate(() => {
        const out = new Set();
        for (const tr of document.querySelectorAll("main thead tr")) {
            const cells = [...tr.cells].map((c) => c.textContent.replace(/\s+/g, " ").trim());
            for (let i = 1; i < cells.length; i++) if (cells[i - 1] && cells[i]) out.add(cells[i - 1] + cells[i]);
        }
        return [...out];
    });
}

/// For each heading with an id (and each other element with an id, for the heading after it),
/// the texts of the table cells of its section (up to the next heading): {id: [cell text]}.
async function sectionCells(page) {
    return page.evaluate(() => {
        const main = document.querySelector("main");
        const headings = [...main.querySelectorAll("h1,h2,h3,h4,h5,h6")];
        const cellsOf = (heading) => {
            const out = [];
            for (let el = heading.nextElementSibling; el && !/^H[1-6]$/.test(el.tagName); el = el.nextElementSibling) {
                for (const td of el.querySelectorAll("td")) out.push(td.textContent.replace(/\s+/g, " ").trim());
            }
            return out;
        };
        const sections = {};
        for (const h of headings) if (h.id) sections[h.id] = cellsOf(h);
        for (const el of main.querySelectorAll("[id]")) {
            if (sections[el.id]) continue;
            const next = headings.find((h) => el.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
            sections[el.id] = next ? cellsOf(next) : [];
        }
        return sections;
    });
}

const normal = (s) => s.replace(/\s+/g, " ").trim();

/// Whether the section of `href` (a page and anchor of the book) holds a cell that reads `text`
/// (the row's name or ID cell).
function holds(sections, base, href, text) {
    const url = new URL(href);
    const page = url.pathname.slice(new URL(base).pathname.length);
    const cells = sections[page]?.[decodeURIComponent(url.hash.slice(1))];
    const want = normal(text);
    // The name's cell may carry a marker after it: "DB schema created (未翻译)".
    return Boolean(cells && cells.some((c) => c === want || c.startsWith(want + " (")));
}

/// Types `query` into the search box of the loaded page and waits for its results. Returns
/// {own, others, excerpts}: the pages of the page's language and of the other languages, in the
/// order shown, each {href, sections: [href]}, and the text of every snippet shown; null when no
/// results came.
async function typeQuery(page, query) {
    await page.locator(".catalogue-search-input").fill(query);
    try {
        await page.waitForFunction(
            (q) => document.querySelector(".catalogue-search-results")?.getAttribute("data-query") === q,
            query, { timeout: 20000 });
    } catch {
        return null;
    }
    return page.evaluate(() => {
        const read = (group) => [...document.querySelectorAll(`.${group} .catalogue-search-result`)].map((r) => ({
            href: r.querySelector(".catalogue-search-page").href,
            sections: [...r.querySelectorAll(".catalogue-search-section")].map((a) => a.href),
        }));
        const excerpts = [...document.querySelectorAll(".catalogue-search-excerpt")].map((e) => e.textContent);
        return { own: read("catalogue-search-own"), others: read("catalogue-search-others"), excerpts };
    });
}

async function main() {
    const server = await serve(site);
    const base = `http://127.0.0.1:${server.address().port}/`;
    const profile = mkdtempSync(join(tmpdir(), "book-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // Nothing but the local server: any other request is a bug in the book.
    await context.route("**/*", (route) =>
        route.request().url().startsWith(base) ? route.continue() : route.abort());
    const failures = [];
    let tables = 0;
    let scrolledTables = 0;
    let cells = 0;
    const sections = {};
    const glued = new Set();
    const rel = (href) => (href.startsWith(base) ? href.slice(base.length) : href);
    try {
        // The language is in the HTML as served, before any script runs.
        for (const p of PAGES) {
            const html = readFileSync(join(site, p), "utf8");
            const lang = /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];
            const want = LANGS[p] || "en";
            if (lang !== want) failures.push(`${p}: served as <html lang="${lang}">, want ${want}`);
        }
        const page = context.pages()[0] || (await context.newPage());
        for (const vp of VIEWPORTS) {
            await page.setViewportSize({ width: vp.width, height: vp.height });
            for (const p of PAGES) {
                await page.goto(base + p, { waitUntil: "load" });
                const { count, scrolled, overflowing } = await overflowingTables(page, vp.name === "phone");
                tables += count;
                scrolledTables += scrolled;
                for (const o of overflowing) {
                    failures.push(`${vp.name} ${p}: table under "${o.section}" is ${o.table}px wide, the column ${o.column}px`);
                }
                const words = await brokenWords(page);
                cells += words.cells;
                for (const b of words.broken.slice(0, 10)) failures.push(`${vp.name} ${p}: word broken at ${b}`);
                if (words.broken.length > 10) failures.push(`${vp.name} ${p}: ... ${words.broken.length - 10} more broken words`);
                if (!sections[p]) {
                    sections[p] = await sectionCells(page);
                    for (const g of await gluedHeaders(page)) glued.add(g);
                }
                await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = false)));
                await page.screenshot({ path: join(artifacts, `${vp.name}-${p.replace(/\//g, "-").replace(".html", "")}.png`) });
            }
            // The widest table of the real catalogue (Notification Hub's long IDs), scrolled into view.
            await page.goto(base + "nhn/en.html#svc-notification-hub", { waitUntil: "load" });
            await page.screenshot({ path: join(artifacts, `${vp.name}-nhn-en-notification-hub.png`) });
        }
        await page.setViewportSize({ width: 1400, height: 1000 });
        let loaded = null;
        const open = async (from) => {
            if (loaded === from) return true;
            await page.goto(base + from, { waitUntil: "load" });
            loaded = from;
            try {
                await page.locator(".catalogue-search-input:not([disabled])").waitFor({ timeout: 15000 });
                return true;
            } catch {
                failures.push(`${from}: no search box (is the Pagefind index built?)`);
                return false;
            }
        };
        // Snippets read as text: no header cells run together, no event ID glued to the cell
        // before it.
        const snippets = (what, found) => {
            for (const e of found?.excerpts || []) {
                const g = [...glued].find((h) => e.includes(h));
                if (g) failures.push(`${what}: a snippet runs header cells together ("${g}"): ${e.slice(0, 100)}`);
                if (/[\p{L}\p{N})]event_id\./u.test(e)) failures.push(`${what}: a snippet glues an ID to its name: ${e.slice(0, 100)}`);
            }
        };
        const shot = {};
        const screenshot = async (kind) => {
            shot[kind] = (shot[kind] || 0) + 1;
            if (shot[kind] <= 2) await page.screenshot({ path: join(artifacts, `search-${kind}-${shot[kind]}.png`) });
        };
        // A name typed on its page: that page first, a section holding the row among those shown.
        let passed = 0;
        for (const s of QUERIES.names) {
            if (!(await open(s.from))) break;
            const found = await typeQuery(page, s.query);
            const what = `search "${s.query}" (${s.kind}) on ${s.from}`;
            snippets(what, found);
            const first = found?.own[0] || found?.others[0];
            if (!first) failures.push(`${what}: no results`);
            else if (rel(first.href) !== s.page) failures.push(`${what}: first result ${rel(first.href)}, want ${s.page}`);
            else if (!first.sections.some((h) => holds(sections, base, h, s.query))) {
                failures.push(`${what}: no section holding the row among ${first.sections.map(rel).join(" ") || "none"}`);
            } else passed++;
            await screenshot(s.kind);
        }
        console.log(`${passed} of ${QUERIES.names.length} names found on their page first, in their section`);
        // An ID typed on a locale page: that page first with the row's section shown, and the row
        // found on every page that lists it (the other languages' pages in the second group).
        passed = 0;
        for (const s of QUERIES.ids) {
            if (!(await open(s.from))) break;
            const what = `search "${s.query}" (${s.kind} ${s.id}) on ${s.from}`;
            const before = failures.length;
            const found = await typeQuery(page, s.query);
            snippets(what, found);
            const first = found?.own[0];
            if (!first) failures.push(`${what}: no results`);
            else if (rel(first.href) !== s.from) failures.push(`${what}: first result ${rel(first.href)}, want ${s.from}`);
            const all = found ? found.own.concat(found.others) : [];
            for (const p of s.pages) {
                const result = all.find((r) => rel(r.href) === p);
                if (!result) failures.push(`${what}: ${p} not among the ${all.length} results`);
                else if (!result.sections.some((h) => holds(sections, base, h, s.id))) {
                    failures.push(`${what}: no section of ${p} holding the row among ${result.sections.map(rel).join(" ") || "none"}`);
                }
            }
            if (failures.length === before) passed++;
            await screenshot(s.kind);
        }
        console.log(`${passed} of ${QUERIES.ids.length} IDs found in their rows on every page`);
    } finally {
        await context.close();
        server.close();
        rmSync(profile, { recursive: true, force: true });
    }
    console.log(`measured ${tables} tables and ${cells} cells on ${PAGES.length} pages at ${VIEWPORTS.length} sizes `
        + `(${scrolledTables} too wide for a phone even unbroken, scrolled inside their box); screenshots in ${artifacts}`);
    if (failures.length) {
        console.error(`${failures.length} problems:\n` + failures.join("\n"));
        process.exit(1);
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});

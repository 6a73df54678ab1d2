// Opens the built catalogue book in headless Chromium as a reader would, and fails (exit 1) when
//   - a table is wider than the content column (a column hidden or scrolled away), at a desktop
//     window (1400x1000) and at a phone's (390x844), on every page;
//   - the search box does not find a Korean, a Japanese and a Chinese word and an event ID
//     fragment, each in the right page and section.
// Screenshots of every page at both sizes and of each search go to the artifacts folder.
//
// Usage: node check-book.mjs <built book folder (with pagefind/)> <artifacts folder>
// Chromium is Debian's /usr/bin/chromium (CHROMIUM overrides); playwright-core never downloads a
// browser. The book is served on 127.0.0.1 only, on a free port.

import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

const [site, artifacts] = process.argv.slice(2).map((p) => p && resolve(p));
if (!site || !artifacts) {
    console.error("usage: node check-book.mjs <book folder> <artifacts folder>");
    process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

const PAGES = ["index.html", "nhn/ko.html", "nhn/en.html", "nhn/ja.html", "nhn/zh.html", "changes.html",
    "kakao/events.html", "roles.html", "report.html"];
const VIEWPORTS = [
    { name: "desktop", width: 1400, height: 1000 },
    { name: "phone", width: 390, height: 844 },
];
// word, the page it is typed on, the page and the text its first matching section must hold.
const SEARCHES = [
    { query: "인스턴스", from: "nhn/ko.html", page: "nhn/ko.html", lang: "ko" },
    { query: "インスタンス", from: "index.html", page: "nhn/ja.html", lang: "ja" },
    { query: "创建", from: "index.html", page: "nhn/zh.html", lang: "zh" },
    { query: "instance.create", from: "index.html", page: "nhn/", text: "event_id.iaas.instance.create" },
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
/// whose last header cell ends outside it: [{section, table, column, visible}].
async function overflowingTables(page) {
    return page.evaluate(() => {
        document.querySelectorAll("details").forEach((d) => (d.open = true));
        const main = document.querySelector("main");
        const column = main.getBoundingClientRect();
        const out = [];
        let count = 0;
        for (const table of main.querySelectorAll("table")) {
            count++;
            const rect = table.getBoundingClientRect();
            const cells = [...table.querySelectorAll("thead th, thead td")];
            const last = cells.length ? cells[cells.length - 1].getBoundingClientRect() : rect;
            const wrapper = table.parentElement;
            const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
            if (rect.right > column.right + 1 || last.right > column.right + 1 || scrolls) {
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
        return { count, overflowing: out };
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
    try {
        const page = context.pages()[0] || (await context.newPage());
        for (const vp of VIEWPORTS) {
            await page.setViewportSize({ width: vp.width, height: vp.height });
            for (const p of PAGES) {
                await page.goto(base + p, { waitUntil: "load" });
                const { count, overflowing } = await overflowingTables(page);
                tables += count;
                for (const o of overflowing) {
                    failures.push(`${vp.name} ${p}: table under "${o.section}" is ${o.table}px wide, the column ${o.column}px`);
                }
                await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = false)));
                await page.screenshot({ path: join(artifacts, `${vp.name}-${p.replace(/\//g, "-").replace(".html", "")}.png`) });
            }
            // The widest table of the real catalogue (Notification Hub's long IDs), scrolled into view.
            await page.goto(base + "nhn/en.html#svc-notification-hub", { waitUntil: "load" });
            await page.screenshot({ path: join(artifacts, `${vp.name}-nhn-en-notification-hub.png`) });
        }
        // The page's language is declared for the browser and screen readers.
        for (const code of ["ko", "en", "ja", "zh"]) {
            await page.goto(base + `nhn/${code}.html`, { waitUntil: "load" });
            const lang = await page.evaluate(() => document.documentElement.lang);
            if (lang !== code) failures.push(`nhn/${code}.html: <html lang="${lang}">, want ${code}`);
        }
        await page.setViewportSize({ width: 1400, height: 1000 });
        for (const s of SEARCHES) {
            const found = await search(page, base, s);
            if (found.error) failures.push(`search "${s.query}" on ${s.from}: ${found.error}`);
            else console.log(`search "${s.query}" on ${s.from}: ${found.href} (${found.heading})`);
            await page.screenshot({ path: join(artifacts, `search-${s.lang || "id"}.png`) });
        }
    } finally {
        await context.close();
        server.close();
        rmSync(profile, { recursive: true, force: true });
    }
    console.log(`measured ${tables} tables on ${PAGES.length} pages at ${VIEWPORTS.length} sizes; screenshots in ${artifacts}`);
    if (failures.length) {
        console.error(`${failures.length} problems:\n` + failures.join("\n"));
        process.exit(1);
    }
}

/// Types the query into the search box of `s.from` and follows the results that are sections of
/// `s.page` until one lands on a section that holds the word (or `s.text`).
async function search(page, base, s) {
    await page.goto(base + s.from, { waitUntil: "load" });
    const input = page.locator(".pagefind-ui__search-input");
    try {
        await input.waitFor({ timeout: 15000 });
    } catch {
        return { error: "no search box (is the Pagefind index built?)" };
    }
    await input.fill(s.query);
    const links = page.locator(".pagefind-ui__result-nested .pagefind-ui__result-link");
    try {
        await links.first().waitFor({ timeout: 15000 });
    } catch {
        return { error: "no section found" };
    }
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
    const candidates = hrefs.filter((h) => new URL(h).pathname.includes("/" + s.page) && h.includes("#"));
    if (!candidates.length) return { error: `no section on ${s.page} among ${hrefs.length} results: ${hrefs.slice(0, 5).join(" ")}` };
    const want = s.text || s.query;
    const seen = [];
    for (const href of candidates) {
        await page.goto(href, { waitUntil: "load" });
        const section = await page.evaluate((id) => {
            const target = document.getElementById(decodeURIComponent(id));
            if (!target) return null;
            const heading = target.closest("h1,h2,h3,h4,h5,h6") || target;
            let text = "";
            for (let el = heading; el; el = el.nextElementSibling) {
                if (el !== heading && /^H[1-6]$/.test(el.tagName)) break;
                text += el.textContent + "\n";
            }
            return { heading: heading.textContent.trim(), text };
        }, new URL(href).hash.slice(1));
        if (!section) return { error: `${href}: no such anchor` };
        if (section.text.includes(want)) return { href, heading: section.heading };
        seen.push(section.heading);
    }
    return { error: `no section found holds ${want} (sections shown: ${seen.join(", ")})` };
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});

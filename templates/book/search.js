// Search for the catalogue book: a search box at the top of every page, over Pagefind's index.
//
// mdBook's own search trims Korean, Japanese and Chinese words to nothing, so the book uses
// Pagefind (`pagefind --site <book> --root-selector main`, run after `cargo xtask book`). Each page
// declares its language in its HTML (`<html lang="ko">`, written by `cargo xtask book`), so
// Pagefind builds one index per language and segments each as that language. The box searches the
// index of the page's own language and lists those pages first (the page it is typed on first of
// all, when it matches); the other languages' pages follow as a second group. For each page it
// shows three sections: first those whose table holds the query as typed (with that row as the
// excerpt), then those whose matching words stand side by side, so that an event name or ID leads
// to the table that holds it.
(function () {
    "use strict";
    var main = document.querySelector("main");
    if (!main) {
        return;
    }
    var root = typeof path_to_root === "string" ? path_to_root : "";
    // An absolute URL: `pagefind/` alone (the root page's path_to_root is empty) would be a bare
    // module name for import().
    var bundle = new URL(root + "pagefind/", document.baseURI).href;
    var language = (document.documentElement.lang || "en").toLowerCase();
    var TEXT = {
        en: { placeholder: "Search event names and IDs", none: "Nothing found for", pages: "pages", others: "Other languages", file: "Search works only when the book is served over http (see the README).", missing: "Search is not built: run pagefind on the built book (see the README)." },
        ko: { placeholder: "이벤트 이름, ID 검색", none: "검색 결과 없음:", pages: "페이지", others: "다른 언어" },
        ja: { placeholder: "イベント名・IDを検索", none: "見つかりません:", pages: "ページ", others: "他の言語" },
        zh: { placeholder: "搜索事件名称和 ID", none: "未找到:", pages: "页", others: "其他语言" },
    };
    var text = function (key) {
        return (TEXT[language] && TEXT[language][key]) || TEXT.en[key];
    };

    var box = document.createElement("div");
    box.id = "catalogue-search";
    box.setAttribute("role", "search");
    box.setAttribute("data-pagefind-ignore", "all");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "catalogue-search-input";
    input.placeholder = text("placeholder");
    input.setAttribute("aria-label", text("placeholder"));
    var output = document.createElement("div");
    output.className = "catalogue-search-results";
    output.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(output);
    main.insertBefore(box, main.firstChild);

    if (location.protocol === "file:") {
        // Browsers do not let a file:// page import Pagefind's module or fetch its index.
        output.textContent = text("file");
        input.disabled = true;
        return;
    }

    // Two Pagefind instances over the same bundle: `own` holds the page's language only, `all`
    // also merges every other language the bundle has (listed in pagefind-entry.json), and its
    // results minus those of `own` are the second group.
    var ready = import(bundle + "pagefind.js").then(function (pagefind) {
        var own = pagefind.createInstance({ bundlePath: bundle, excerptLength: 16 });
        var all = pagefind.createInstance({ bundlePath: bundle, excerptLength: 16 });
        return fetch(bundle + "pagefind-entry.json")
            .then(function (r) {
                return r.json();
            })
            .then(function (entry) {
                var merges = Object.keys(entry.languages || {})
                    .filter(function (l) {
                        return l !== language;
                    })
                    .sort()
                    .map(function (l) {
                        // Pagefind skips a merged index whose path starts like the primary's (which
                        // it keeps without the origin): the full URL is merged as another index.
                        return all.mergeIndex(bundle, { language: l });
                    });
                return Promise.all(merges);
            })
            .then(function () {
                return { own: own, all: all };
            });
    });
    ready.catch(function () {
        output.textContent = text("missing");
        input.disabled = true;
    });

    // The longest run of consecutive word positions among a section's matches: a row whose name
    // holds the query's words side by side (the name as typed) gives a run as long as the query.
    function longestRun(locations) {
        var sorted = locations.slice().sort(function (a, b) {
            return a - b;
        });
        var best = 0;
        var run = 0;
        for (var i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i] === sorted[i - 1]) {
                continue;
            }
            run = i > 0 && sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }

    function normal(text) {
        return text.replace(/\s+/g, " ").trim().toLowerCase();
    }

    // The sections of a page (by heading) with the text of their table cells, read once per page:
    // from this document for the page the box is on, fetched and parsed for the others.
    var sectionCache = {};
    function sectionsOf(url) {
        var page = new URL(url, location.href);
        page.hash = "";
        if (!sectionCache[page.href]) {
            var doc = page.pathname === location.pathname
                ? Promise.resolve(document)
                : fetch(page.href).then(function (r) {
                    return r.text();
                }).then(function (html) {
                    return new DOMParser().parseFromString(html, "text/html");
                });
            sectionCache[page.href] = doc.then(function (d) {
                var out = [];
                var current = null;
                var content = d.querySelector("main");
                if (!content) {
                    return out;
                }
                content.querySelectorAll("h1,h2,h3,h4,h5,h6,td").forEach(function (el) {
                    if (box.contains(el)) {
                        return;
                    }
                    if (el.tagName === "TD") {
                        if (current) {
                            current.cells.push(normal(el.textContent));
                            current.rows.push(el.parentElement);
                        }
                    } else {
                        current = { id: el.id, title: el.textContent.trim(), cells: [], rows: [] };
                        out.push(current);
                    }
                });
                return out;
            }).catch(function () {
                return [];
            });
        }
        return sectionCache[page.href];
    }

    // How well a section's table holds the query: 2 when a cell reads as the query (a name, an ID,
    // perhaps with a marker after it), 1 when a cell contains it, 0 otherwise.
    function holding(section, query) {
        var q = normal(query);
        var best = { holds: 0, row: null };
        section.cells.forEach(function (c, i) {
            if (best.holds < 2 && (c === q || c.indexOf(q + " (") === 0)) {
                best = { holds: 2, row: section.rows[i] };
            } else if (best.holds < 1 && c.indexOf(q) >= 0) {
                best = { holds: 1, row: section.rows[i] };
            }
        });
        return best;
    }

    // The row that holds the query, as the excerpt: its cells' text, the query marked.
    function rowExcerpt(row, query) {
        var text = Array.prototype.map.call(row.cells, function (c) {
            return c.textContent.replace(/\s+/g, " ").trim();
        }).join(" · ");
        var at = text.toLowerCase().indexOf(normal(query));
        var escape = function (t) {
            var span = document.createElement("span");
            span.textContent = t;
            return span.innerHTML;
        };
        if (at < 0) {
            return escape(text);
        }
        var end = at + normal(query).length;
        return escape(text.slice(0, at)) + "<mark>" + escape(text.slice(at, end)) + "</mark>" + escape(text.slice(end));
    }

    // The three sections of a page to show (a section holding the query with its row as the
    // excerpt): first those whose table holds the query as typed,
    // then Pagefind's matches by the longest run of matching words side by side (a name's words
    // are adjacent in its row), then the most matches. Returns {sections, holds}, `holds` the best
    // `holding` of the page.
    function bestSections(data, query) {
        return sectionsOf(data.url).then(function (known) {
            var byId = {};
            var rows = {};
            known.forEach(function (k) {
                var found = holding(k, query);
                byId[k.id] = found.holds;
                rows[k.id] = found.row;
            });
            var anchor = function (url) {
                return decodeURIComponent(new URL(url, location.href).hash.slice(1));
            };
            var ranked = (data.sub_results || [])
                .filter(function (s) {
                    return s.url !== data.url;
                })
                .map(function (s, i) {
                    var locations = s.locations || [];
                    return { section: s, holds: byId[anchor(s.url)] || 0, order: i, run: longestRun(locations), count: locations.length };
                });
            var shown = function (id, section) {
                return rows[id] ? { title: section.title, url: section.url, excerpt: rowExcerpt(rows[id], query) } : section;
            };
            // A section holding the query that Pagefind did not list (its words matched elsewhere).
            known.forEach(function (k) {
                var listed = ranked.some(function (r) {
                    return anchor(r.section.url) === k.id;
                });
                if (!listed && k.id && byId[k.id] > 0) {
                    var url = new URL(data.url, location.href);
                    url.hash = k.id;
                    ranked.push({ section: { title: k.title, url: url.href, excerpt: "" }, holds: byId[k.id], order: ranked.length, run: 0, count: 0 });
                }
            });
            ranked.sort(function (a, b) {
                return b.holds - a.holds || b.run - a.run || b.count - a.count || a.order - b.order;
            });
            return {
                sections: ranked.slice(0, 3).map(function (r) {
                    return shown(anchor(r.section.url), r.section);
                }),
                holds: ranked.length ? ranked[0].holds : 0,
            };
        });
    }

    function element(tag, className, content) {
        var el = document.createElement(tag);
        if (className) {
            el.className = className;
        }
        if (content !== undefined) {
            el.textContent = content;
        }
        return el;
    }

    // Pagefind's excerpts are the indexed text, HTML-escaped, with <mark> around the matches.
    function excerpt(html) {
        var p = element("p", "catalogue-search-excerpt");
        p.innerHTML = html;
        return p;
    }

    function renderPage(data) {
        var li = element("li", "catalogue-search-result");
        var link = element("a", "catalogue-search-page", (data.meta && data.meta.title) || data.url);
        link.href = data.url;
        li.appendChild(link);
        var sections = data.best.sections;
        if (!sections.length) {
            li.appendChild(excerpt(data.excerpt));
        }
        var list = element("ul", "catalogue-search-sections");
        sections.forEach(function (s) {
            var item = element("li");
            var a = element("a", "catalogue-search-section", s.title);
            a.href = s.url;
            item.appendChild(a);
            item.appendChild(excerpt(s.excerpt));
            list.appendChild(item);
        });
        if (sections.length) {
            li.appendChild(list);
        }
        return li;
    }

    // The page the box is on: its results come first in its group.
    var here = new URL(location.pathname, location.href).pathname.replace(/index\.html$/, "");
    function isHere(data) {
        return new URL(data.url, location.href).pathname.replace(/index\.html$/, "") === here;
    }

    function group(className, title, pages) {
        var wrap = element("section", "catalogue-search-group " + className);
        if (title) {
            wrap.appendChild(element("h2", "catalogue-search-heading", title));
        }
        var list = element("ol", "catalogue-search-list");
        pages.forEach(function (d) {
            list.appendChild(renderPage(d));
        });
        wrap.appendChild(list);
        return wrap;
    }

    var latest = 0;
    function run(query) {
        var ticket = ++latest;
        if (!query.trim()) {
            output.textContent = "";
            output.removeAttribute("data-query");
            return;
        }
        ready.then(function (search) {
            return Promise.all([search.own.search(query), search.all.search(query)]).then(function (found) {
                var ownIds = {};
                found[0].results.forEach(function (r) {
                    ownIds[r.id] = true;
                });
                var others = found[1].results.filter(function (r) {
                    return !ownIds[r.id];
                });
                var load = function (results) {
                    return Promise.all(results.map(function (r) {
                        return r.data().then(function (data) {
                            return bestSections(data, query).then(function (best) {
                                data.best = best;
                                return data;
                            });
                        });
                    }));
                };
                return Promise.all([load(found[0].results), load(others)]);
            }).then(function (pages) {
                if (ticket !== latest) {
                    return;
                }
                // The page the box is on first; then the pages whose tables hold the query as
                // typed; then Pagefind's order.
                var rank = function (list) {
                    return list
                        .map(function (d, i) {
                            return { d: d, key: (isHere(d) ? 10 : 0) + d.best.holds, i: i };
                        })
                        .sort(function (a, b) {
                            return b.key - a.key || a.i - b.i;
                        })
                        .map(function (r) {
                            return r.d;
                        });
                };
                var own = rank(pages[0]);
                var otherPages = rank(pages[1]);
                output.textContent = "";
                if (!own.length && !otherPages.length) {
                    output.appendChild(element("p", "catalogue-search-message", text("none") + " " + query));
                }
                if (own.length) {
                    output.appendChild(group("catalogue-search-own", "", own));
                }
                if (otherPages.length) {
                    output.appendChild(group("catalogue-search-others", text("others") + " (" + otherPages.length + " " + text("pages") + ")", otherPages));
                }
                output.setAttribute("data-query", query);
            });
        });
    }

    var timer = null;
    input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
            run(input.value);
        }, 200);
    });
})();

// Search and page language for the catalogue book.
//
// mdBook's own search trims Korean, Japanese and Chinese words to nothing, so the book uses
// Pagefind's index (`pagefind --site <book> --root-selector main`, run after `mdbook build`),
// which segments them; this script puts Pagefind's search box at the top of every page.
(function () {
    "use strict";
    // A page whose content is in another language (the NHN locale pages wrap it in
    // <div lang="ko">) declares that language for the whole document, so that the browser and
    // screen readers read it in that language (and pick the right CJK glyphs). mdBook writes one
    // <html lang> for the whole book.
    var content = document.querySelector("main [lang]");
    if (content) {
        document.documentElement.lang = content.getAttribute("lang");
    }
    var main = document.querySelector("main");
    if (!main) {
        return;
    }
    var root = typeof path_to_root === "string" ? path_to_root : "";
    // An absolute URL: Pagefind imports its modules from it, and `pagefind/` alone (the root page's
    // path_to_root is empty) would be a bare module name.
    var bundle = new URL(root + "pagefind/", document.baseURI).href;
    var box = document.createElement("div");
    box.id = "catalogue-search";
    box.setAttribute("role", "search");
    box.setAttribute("data-pagefind-ignore", "all");
    main.insertBefore(box, main.firstChild);
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
        // Pagefind picks the index of the page's language and falls back to the book's one index.
        new PagefindUI({ element: "#catalogue-search", bundlePath: bundle, showSubResults: true, showImages: false });
    };
    script.onerror = function () {
        box.textContent = "Search is not built: run pagefind on the built book (see the README).";
    };
    document.head.appendChild(script);
})();

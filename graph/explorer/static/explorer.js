/* policygraph explorer: print buttons, the neighbourhood diagram, filters of the static site
   (applied to the rows already in the page, kept in the address), and the static site's
   search over search-index.js. Text is only ever set with textContent. */
(function () {
  "use strict";
  var state = window.pgExplorer = { ready: false, mode: "app", search: null, filtered: null };

  function fold(s) {
    return (s || "").normalize("NFD").toLowerCase().replace(/đ/g, "d")
      .replace(/[\u0300-\u036f]/g, "").split(/\s+/).filter(Boolean).join(" ");
  }
  function compact(s) {
    return fold(s).replace(/[^0-9a-z]+/g, " ").split(" ").filter(Boolean)
      .map(function (w) { return w.replace(/^0+(?=\d)/, ""); }).join("");
  }
  var YEAR = /(^|[^\d\/.\-])((?:19|20)\d{2})(?![\d\/.\-])/g;
  function keysOf(q, typeWords) {
    if (!q) return [];
    var keys = [], c = compact(q), m, i;
    if (/^\d+[a-z]/.test(c)) keys.push("s:" + c);
    for (i = 0; i < typeWords.length; i++) {
      var w = typeWords[i][0];
      if (q.indexOf(w + " ") === 0) {
        m = /^(?:so\s+)?0*(\d+)\b/.exec(q.slice(w.length + 1).trim());
        if (m) keys.push("n:" + typeWords[i][1] + ":" + m[1]);
        break;
      }
    }
    var flat = q.replace(/[^0-9a-z]+/g, " ").trim();
    m = /^([a-z]{1,8})[\s.\-\/]*0*(\d+)$/.exec(flat);
    if (m) keys.push("n:" + m[1] + ":" + m[2]);
    m = /^0*(\d+)[\s.\-\/]*([a-z]{1,8})$/.exec(flat);
    if (m) keys.push("n:" + m[2] + ":" + m[1]);
    return keys.filter(function (k, j) { return keys.indexOf(k) === j; });
  }
  /* The same keys as graph.explorer.terms.query_keys. */
  function queryKeys(query, typeWords) {
    var noYear = fold((query || "").replace(YEAR, "$1 "));
    var keys = keysOf(noYear, typeWords);
    return keys.length ? keys : keysOf(fold(query), typeWords);
  }
  function queryYears(query) {
    var out = [], m;
    YEAR.lastIndex = 0;
    while ((m = YEAR.exec(query || ""))) out.push(parseInt(m[2], 10));
    return out;
  }
  state.queryKeys = function (q) { return queryKeys(q, window.PG_TYPE_WORDS || []); };

  function params() { return new URLSearchParams(window.location.search); }
  function setParams(p) {
    var s = p.toString();
    try {
      history.replaceState(null, "", window.location.pathname + (s ? "?" + s : "") + window.location.hash);
    } catch (e) { /* some browsers refuse it on file://: the view still changes */ }
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /* ---------------------------------------------------------------- filters (site) */
  function applyFilters(p) {
    var unit = p.get("tinh") || "", late = p.get("qua-han") === "1", ag = p.get("co-quan") || "";
    var status = p.get("trang-thai") || "";
    var shown = 0;
    document.querySelectorAll("table.matrix tbody tr").forEach(function (tr) {
      tr.hidden = !!unit && tr.dataset.unit !== unit;
    });
    document.querySelectorAll("svg.timeline circle, svg.timeline .dot-label").forEach(function (c) {
      c.style.display = unit && c.dataset.unit !== unit ? "none" : "";
    });
    document.querySelectorAll("table.tasks tbody tr:not(.empty)").forEach(function (tr) {
      var hide = (unit && tr.dataset.unit !== unit) || (late && tr.dataset.overdue !== "1") ||
        (ag && (" " + tr.dataset.agencies).indexOf(" " + ag + " ") < 0) ||
        (status && tr.dataset.statusSlug !== status);
      tr.hidden = !!hide;
      if (!hide) shown++;
    });
    document.querySelectorAll("form[data-filter]").forEach(function (f) {
      if (f.elements["tinh"]) f.elements["tinh"].value = unit;
      if (f.elements["qua-han"]) f.elements["qua-han"].checked = late;
      if (f.elements["trang-thai"]) f.elements["trang-thai"].value = status;
    });
    state.filtered = { unit: unit, overdue: late, agency: ag, status: status, rows: shown };
    cascadeSummary(unit, shown);
  }
  /* The cascade's counts for the province chosen, as the app computes them: documents and
     filled cells of its row, the tasks shown, and per lead agency its tasks there. */
  function cascadeSummary(unit, shown) {
    var box = document.getElementById("summary");
    if (!box) return;
    var rows = document.querySelectorAll("table.matrix tbody tr"), below = 0, filled = 0;
    var cols = document.querySelectorAll("table.matrix thead th[data-level]").length;
    rows.forEach(function (tr) {
      if (tr.hidden) return;
      below += +tr.dataset.n; filled += +tr.dataset.filled;
    });
    var national = document.querySelector("section.national");
    if (national) national.hidden = !!unit;  /* national documents have no province */
    var set = function (name, v) {
      var e = box.querySelector("[data-count=" + name + "]");
      if (e) e.textContent = String(v);
    };
    if (!box.dataset.all) box.dataset.all = box.querySelector("[data-count=below]").textContent;
    set("below", unit ? below : box.dataset.all);
    set("filled", filled); set("cells", cols * (unit ? 1 : rows.length)); set("tasks", shown);
    var where = box.querySelector("[data-count=unit]");
    where.hidden = !unit;
    where.querySelector("strong").textContent = unit;
    var back = document.getElementById("all-units");
    if (back) back.hidden = !unit;
    var tasks = document.querySelectorAll("table.tasks tbody tr:not(.empty)");
    document.querySelectorAll("table.agencies tbody tr").forEach(function (tr) {
      var n = 0, late = 0, key = " " + tr.dataset.agency + " ";
      tasks.forEach(function (t) {
        if ((unit && t.dataset.unit !== unit) || (" " + t.dataset.lead).indexOf(key) < 0) return;
        n++; if (t.dataset.overdue === "1") late++;
      });
      tr.querySelector("[data-count=tasks]").textContent = String(n);
      tr.querySelector("[data-count=overdue]").textContent = late ? String(late) : "";
      tr.hidden = n === 0;
    });
  }
  function formParams(form) {
    var p = params();
    ["tinh", "qua-han", "trang-thai"].forEach(function (name) {
      var f = form.elements[name];
      if (!f) return;
      var v = f.type === "checkbox" ? (f.checked ? "1" : "") : f.value;
      if (v) p.set(name, v); else p.delete(name);
    });
    return p;
  }
  function initFilters() {
    document.querySelectorAll("form[data-filter]").forEach(function (form) {
      form.addEventListener("change", function () {
        if (state.mode === "site") { var p = formParams(form); setParams(p); applyFilters(p); }
        else form.submit();
      });
      form.addEventListener("submit", function (ev) {
        if (state.mode !== "site") return;
        ev.preventDefault();
        var p = formParams(form); setParams(p); applyFilters(p);
      });
    });
    if (state.mode === "site") applyFilters(params());
  }

  /* ---------------------------------------------------------------- diagram */
  /* The drawing library (vis-network, the page's heaviest part) is loaded only when the
     diagram comes near the screen: the page is read and used without waiting for it. */
  function lazyDiagram() {
    var box = document.getElementById("diagram");
    if (!box || !box.dataset.script) return;
    var load = function () {
      if (state.diagramLoading) return;
      state.diagramLoading = true;
      if (window.vis) { initDiagram(); return; }
      var s = document.createElement("script");
      s.src = box.dataset.script;
      s.addEventListener("load", initDiagram);
      document.head.appendChild(s);
    };
    if (!window.IntersectionObserver) { load(); return; }
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); load(); }
    }, { rootMargin: "100px" });
    seen.observe(box);
  }
  function initDiagram() {
    var box = document.getElementById("diagram"), data = document.getElementById("diagram-data");
    if (!box || !data || !window.vis) return;
    box.textContent = "";
    var d = JSON.parse(data.textContent), base = box.dataset.base, byId = {};
    var colours = { self: "#12324f", up: "#b3261e", down: "#2b7bd0", cites: "#6b7280", cited: "#6b7280" };
    var nodes = d.nodes.map(function (n) {
      byId[n.id] = n;
      var c = colours[n.group] || "#555";
      return { id: n.id, label: n.label, x: n.x, y: n.y, fixed: true, shape: "box",
               widthConstraint: { maximum: 140 }, margin: 6,
               font: { size: 14, color: n.group === "self" ? "#fff" : "#1d2430" },
               color: { background: n.group === "self" ? c : "#fff", border: c } };
    });
    var edges = d.edges.map(function (e) {
      return { from: e.from, to: e.to, arrows: "to", dashes: e.rel === "cites",
               color: { color: e.rel === "cites" ? "#9aa3af" : "#555" } };
    });
    var net = new window.vis.Network(box, { nodes: nodes, edges: edges },
      { physics: false, interaction: { dragNodes: false, hover: true },
        layout: { improvedLayout: false } });
    net.once("afterDrawing", function () { net.fit({ animation: false }); });
    net.on("click", function (p) {
      var n = p.nodes.length && byId[p.nodes[0]];
      if (n && n.url) window.location.href = base.replace("__slug__", n.url);
    });
    state.diagram = { nodes: nodes.length, edges: edges.length, network: net };
  }

  /* ---------------------------------------------------------------- site search */
  function siteSearch() {
    var idx = window.PG_INDEX, root = document.getElementById("hits");
    if (!idx || !root) return;
    var p = params(), q = (p.get("q") || "").trim(), fq = fold(q);
    document.getElementById("q").value = q;
    var keys = queryKeys(q, window.PG_TYPE_WORDS || []), years = queryYears(q);
    var words = fq.split(/[^0-9a-z]+/).filter(Boolean);
    var last = words.length ? words[words.length - 1] : "";
    var prefix = /^[a-z]{3,}$/.test(last);  /* as graph.explorer.search.PREFIX_MIN */
    var keyHits = [], wordHits = [];
    if (q) idx.forEach(function (it) {
      if (keys.length && it.K && it.K.some(function (k) { return keys.indexOf(k) >= 0; })) keyHits.push(it);
      else if (words.length && matches(it, words, prefix)) wordHits.push(it);
    });
    var dated = keyHits.filter(function (it) { return years.indexOf(it.y) >= 0; });
    if (dated.length) keyHits = dated;
    keyHits.sort(function (a, b) { return a.o - b.o; });
    var all = keyHits.concat(wordHits), facets = ["kind", "type", "level", "unit", "year"];
    var field = { kind: "kind", type: "t", level: "v", unit: "p", year: "y" };
    var chosen = {}, names = window.PG_FACET_PARAMS || {};
    facets.forEach(function (f) { if (p.get(names[f])) chosen[f] = p.get(names[f]); });
    function keep(it, skip) {
      return facets.every(function (f) {
        return f === skip || !chosen[f] || String(it[field[f]]) === chosen[f];
      });
    }
    var hits = all.filter(function (it) { return keep(it, null); });
    state.search = { query: q, keys: keys, total: hits.length, results: hits.slice(0, 200).map(function (it) { return it.l; }) };
    renderHits(root, hits.slice(0, 200), q);
    csvLink(hits);
    renderFacets(all, facets, field, chosen, keep, q);
    var h1 = document.querySelector(".results h1 q");
    if (h1) h1.textContent = q;
    document.title = "Tìm: " + q + " · policygraph";
  }
  /* Every word of the query is a word of the item; the last one, of 3 letters or more,
     may be the start of one (as the app's FTS5 query). */
  function matches(it, words, prefix) {
    var toks = it.W || (it.W = it.w.split(/[^0-9a-z]+/));
    return words.every(function (w, i) {
      if (prefix && i === words.length - 1) return toks.some(function (t) { return t.indexOf(w) === 0; });
      return toks.indexOf(w) >= 0;
    });
  }
  function renderHits(root, hits, q) {
    root.textContent = "";
    hits.forEach(function (it) {
      var li = el("li", "hit " + ({ d: "document", t: "task", a: "agency" }[it.k] || ""));
      li.appendChild(el("span", "badge", it.b));
      li.appendChild(document.createTextNode(" "));
      var a = el("a", null, it.l);
      a.href = it.u;
      li.appendChild(a);
      if (it.s) li.appendChild(el("span", "facts", it.s));
      if (it.c) li.appendChild(el("span", "counts", it.c));
      root.appendChild(li);
    });
    var total = document.getElementById("total");
    total.textContent = hits.length + " kết quả" + (hits.length >= 200 ? " (hiện 200 kết quả đầu)" : "");
    if (!hits.length && q) root.appendChild(el("li", "muted", "Không có kết quả. Thử viết số ký hiệu khác đi (ví dụ “NQ 57”) hoặc ít từ hơn."));
  }
  /* Every hit (not only the 200 shown) as CSV, the columns of the app's search table. */
  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csvLink(hits) {
    var a = document.getElementById("search-csv");
    if (!a || !window.Blob || !window.URL) return;
    if (state.csvUrl) URL.revokeObjectURL(state.csvUrl);
    var lines = [window.PG_CSV_HEADER || []].concat(hits.map(function (it) {
      var label = (window.PG_LABELS.kind || {})[it.kind] || it.kind;
      if (it.k === "d") return [label, it.l, it.t, it.d, it.i, it.p];
      if (it.k === "t") return [label, it.x || it.l, "", it.d, it.i, it.p];
      return [label, it.l, "", "", "", it.p];
    })).map(function (row) { return row.map(csvCell).join(","); });
    state.csvUrl = URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"],
                                                { type: "text/csv;charset=utf-8" }));
    state.csvRows = hits.length;
    a.href = state.csvUrl;
    a.hidden = !hits.length;
  }
  function renderFacets(all, facets, field, chosen, keep, q) {
    var box = document.getElementById("facets"), names = window.PG_FACET_NAMES || {};
    var labels = window.PG_LABELS || {}, params = window.PG_FACET_PARAMS || {};
    box.textContent = "";
    facets.forEach(function (f) {
      var counts = {};
      all.forEach(function (it) {
        var v = it[field[f]];
        if (v === null || v === undefined || v === "" || !keep(it, f)) return;
        counts[v] = (counts[v] || 0) + 1;
      });
      var vals = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
      if (!vals.length) return;
      var sec = el("section", "facet"), ul = el("ul");
      sec.dataset.facet = f;
      sec.appendChild(el("h2", null, names[f] || f));
      vals.slice(0, 80).forEach(function (v) {
        var li = el("li"), label = (labels[f] && labels[f][v]) || v;
        var np = new URLSearchParams(window.location.search);
        if (chosen[f] === v) { li.appendChild(el("strong", null, label)); np.delete(params[f]); }
        else np.set(params[f], v);
        var a = el("a", null, chosen[f] === v ? " ✕" : label);
        a.href = "?" + np.toString();
        if (chosen[f] === v) { li.appendChild(document.createTextNode(" (" + counts[v] + ")")); li.appendChild(a); }
        else { li.appendChild(a); li.appendChild(document.createTextNode(" (" + counts[v] + ")")); }
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      box.appendChild(sec);
    });
  }

  function init() {
    state.mode = document.body.dataset.mode || "app";
    document.querySelectorAll("[data-action=print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details").forEach(function (d) { d.open = true; });
    });
    initFilters();
    lazyDiagram();
    if (state.mode === "site") siteSearch();
    state.readyAt = window.performance ? performance.now() : null;  /* ms from navigation */
    state.ready = true;
  }
  /* deferred: the page and the scripts after this one (vis-network) are there at this event */
  if (document.readyState === "complete") init();
  else document.addEventListener("DOMContentLoaded", init);
})();

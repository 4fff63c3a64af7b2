"""The page around the view: the HTML, CSS and script of the offline file. `render` fills
in __SUBSTITUTIONS__ (graph.text.SUBSTITUTIONS), __TITLE__, __LEGEND__, __DATA__ and __VIS__
(the vendored vis-network).

The script reads the view from the JSON block and builds every text with textContent: no
document text is ever parsed as HTML."""

PAGE = r"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>__TITLE__</title>
<style>
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
#app{display:flex;height:100%}
#side{width:330px;flex:none;overflow:auto;border-right:1px solid #ddd;padding:10px;box-sizing:border-box;background:#fafafa}
#main{flex:1;position:relative}
#network{position:absolute;inset:0}
h1{font-size:16px;margin:0 0 8px}
.meta{color:#666;font-size:12px;margin-bottom:8px}
label.f{display:block;margin:6px 0 2px;font-weight:600;font-size:12px}
input[type=search],select,input[type=number]{width:100%;box-sizing:border-box;padding:4px}
#results{list-style:none;padding:0;margin:4px 0;max-height:180px;overflow:auto}
#results li{padding:2px 4px;cursor:pointer;border-bottom:1px solid #eee}
#results li:hover{background:#eef}
#info{margin-top:10px;border-top:1px solid #ddd;padding-top:6px;word-wrap:break-word}
#info .row{margin:2px 0}
.pg-tip{max-width:420px;white-space:normal;font-size:13px}
.pg-tip .k,#info .k{font-weight:600;margin-right:4px}
ul.legend{list-style:none;padding:0;margin:6px 0;font-size:12px}
ul.legend li{margin:2px 0;display:flex;align-items:center}
.sw{display:inline-block;width:14px;height:10px;border:1.5px solid;margin-right:6px}
.sw-ellipse,.sw-dot{border-radius:50%}.sw-dot{width:10px}
.sw-diamond{transform:rotate(45deg);width:9px;height:9px}
.ln{display:inline-block;width:28px;margin:0 6px 0 2px;vertical-align:middle}
button{margin-top:6px}
#tip{position:absolute;visibility:hidden;pointer-events:none;padding:5px;background:#fffbe6;border:1px solid #caa;border-radius:3px;box-shadow:2px 2px 8px rgba(0,0,0,.2);z-index:5;max-width:440px}
</style>
<script>__VIS__</script>
</head>
<body>
<div id="app">
<div id="side">
<h1>__TITLE__</h1>
<div class="meta" id="meta"></div>
<label class="f" for="search">Tìm (số ký hiệu, tên gọi tắt, từ khóa)</label>
<input type="search" id="search" placeholder="vd. 20-NQ/TW, Nghị quyết 20, y tế…" autocomplete="off">
<ul id="results"></ul>
<label class="f" for="f-type">Loại</label>
<select id="f-type"><option value="">(tất cả)</option></select>
<label class="f" for="f-province">Tỉnh, thành phố</label>
<select id="f-province"><option value="">(tất cả)</option></select>
<label class="f" for="f-year">Từ năm</label>
<input type="number" id="f-year" min="1945" max="2100" step="1">
<button id="reset" type="button">Bỏ chọn, bỏ lọc</button>
<div id="info"></div>
<label class="f">Chú giải</label>
__LEGEND__
</div>
<div id="main"><div id="network"></div><div id="tip" class="pg-tip" role="tooltip"></div></div>
</div>
<script type="application/json" id="pg-data">__DATA__</script>
<script>
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("pg-data").textContent);
  var state = window.pgState = {ready: false, drawn: false, stabilized: false, selected: null,
    highlighted: [], ancestors: [], descendants: [], searchResults: [], visibleCount: 0,
    t0: performance.now(), tDrawn: null, tStabilized: null, meta: null};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function rows(info, into) {
    for (var i = 0; i < info.length; i++) {
      var r = el("div", "row");
      r.appendChild(el("span", "k", info[i][0] + ":"));
      r.appendChild(el("span", "v", info[i][1]));
      into.appendChild(r);
    }
    return into;
  }
  // A query folds as the search keys were folded (graph.text.fold): its substitutions
  // (every dash '-', odd spaces ' ', ...), diacritics off, đ -> d, lower case.
  var SUBST = __SUBSTITUTIONS__;
  var SUBST_RE = new RegExp("[" + Object.keys(SUBST).map(function (c) {
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  }).join("") + "]", "g");
  function fold(s) {
    return String(s || "").replace(SUBST_RE, function (c) { return SUBST[c]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D").toLowerCase();
  }
  window.pgFold = fold;

  var byId = {}, orig = {}, up = {}, down = {};
  DATA.nodes.forEach(function (n) {
    byId[n.id] = n; up[n.id] = []; down[n.id] = [];
    orig[n.id] = {color: n.color, font: n.font || {}};
  });
  var edgeById = {};
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    var child = null, parent = null;
    if (e.relation === "implements" || e.relation === "part_of") { child = e.from; parent = e.to; }
    else if (e.relation === "assigns") { child = e.to; parent = e.from; }
    if (child !== null && up[child] && down[parent]) { up[child].push(parent); down[parent].push(child); }
  });
  var nodes = window.pgNodes = new vis.DataSet(DATA.nodes);
  var edges = window.pgEdges = new vis.DataSet(DATA.edges);
  var container = document.getElementById("network");
  var network = window.pgNetwork = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
  var m = state.meta = DATA.meta;
  document.getElementById("meta").textContent = m.display_nodes + " nút hiển thị / " +
    m.total_nodes + " nút trong đồ thị" + (m.grouped_tasks ? " (nhiệm vụ gộp theo kế hoạch)" : "") +
    (m.focus ? " — trọng tâm: " + m.focus : "");

  // Tooltips: our own box, filled with textContent on hover (document text is never parsed
  // as HTML), built only when shown: DOM tooltips in the DataSet make big views slow.
  var tipBox = document.getElementById("tip");
  function showTip(info, pointer) {
    tipBox.textContent = "";
    rows(info, tipBox);
    var main = document.getElementById("main"), w = main.clientWidth, h = main.clientHeight;
    tipBox.style.left = Math.max(0, Math.min(pointer.x + 12, w - 450)) + "px";
    tipBox.style.top = Math.max(0, Math.min(pointer.y + 12, h - 40)) + "px";
    tipBox.style.visibility = "visible";
  }
  function hideTip() { tipBox.style.visibility = "hidden"; }
  network.on("hoverNode", function (p) { if (byId[p.node]) showTip(byId[p.node].info, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { if (edgeById[p.edge]) showTip(edgeById[p.edge].info, p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.once("afterDrawing", function () {
    setTimeout(arrowsForScale, 0);
    state.drawn = true; state.tDrawn = performance.now() - state.t0;
    if (!DATA.options.physics || !DATA.options.physics.enabled) {
      state.stabilized = true; state.tStabilized = state.tDrawn;
    }
    state.ready = true;
  });
  // Arrowheads only when zoomed in enough to see them (they are slow to fill by thousands).
  var arrowsOn = DATA.options.edges.arrows.to.enabled;
  function arrowsForScale() {
    var want = network.getScale() >= ARROW_MIN_SCALE;
    if (want !== arrowsOn) {
      arrowsOn = want;
      network.setOptions({edges: {arrows: {to: {enabled: want, scaleFactor: 0.5}}}});
    }
  }
  var ARROW_MIN_SCALE = DATA.edges.length > DATA.meta.arrows_max_edges ? 0.35 : 0.05;
  network.on("zoom", arrowsForScale);
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    state.stabilized = true; state.tStabilized = performance.now() - state.t0;
  });

  function walk(start, step) {
    var seen = {}, out = [], todo = [start];
    seen[start] = true;
    while (todo.length) {
      var n = todo.pop(), next = step[n] || [];
      for (var i = 0; i < next.length; i++) {
        if (!seen[next[i]]) { seen[next[i]] = true; out.push(next[i]); todo.push(next[i]); }
      }
    }
    return out;
  }
  function restyle(lit) {
    var nu = [], eu = [];
    DATA.nodes.forEach(function (n) {
      if (!lit || lit[n.id]) nu.push({id: n.id, color: orig[n.id].color, font: orig[n.id].font});
      else nu.push({id: n.id, color: {background: "#eeeeee", border: "#d5d5d5"},
                    font: {color: "#c0c0c0"}});
    });
    DATA.edges.forEach(function (e) {
      var on = !lit || (lit[e.from] && lit[e.to]);
      eu.push({id: e.id, color: on ? e.color : {color: "#eeeeee", highlight: "#d4ac0d"},
               width: on && lit ? e.width * 2 : e.width});
    });
    nodes.update(nu); edges.update(eu);
  }
  function showInfo(id) {
    var box = document.getElementById("info");
    box.textContent = "";
    if (id === null || id === undefined || !byId[id]) return;
    var n = byId[id];
    box.appendChild(el("h1", null, n.label));
    rows(n.info, box);
    if (state.ancestors.length) {
      box.appendChild(el("div", "k", "Dòng căn cứ (lên đến gốc):"));
      var ul = el("ul", "lineage");
      state.ancestors.forEach(function (a) { ul.appendChild(el("li", null, byId[a].label)); });
      box.appendChild(ul);
    }
    box.appendChild(el("div", "row", "Cấp dưới, nhiệm vụ, cơ quan: " + state.descendants.length));
  }
  function highlight(id) {
    if (id === null || id === undefined || !byId[id]) {
      state.selected = null; state.highlighted = []; state.ancestors = []; state.descendants = [];
      restyle(null); showInfo(null); network.unselectAll(); return;
    }
    var anc = walk(id, up), desc = walk(id, down), lit = {};
    lit[id] = true;
    anc.forEach(function (a) { lit[a] = true; });
    desc.forEach(function (d) { lit[d] = true; });
    state.selected = id; state.ancestors = anc; state.descendants = desc;
    state.highlighted = Object.keys(lit);
    restyle(lit);
    network.selectNodes([id]);
    showInfo(id);
  }
  window.pgHighlight = highlight;
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) highlight(p.nodes[0]);
    else if (!p.edges || !p.edges.length) highlight(null);
  });

  // Search: every word of the query must occur in the node's folded text.
  function search(q) {
    var words = fold(q).split(/\s+/).filter(Boolean), hits = [];
    if (!words.length) return hits;
    var qq = fold(q).trim();
    DATA.nodes.forEach(function (n) {
      var key = n.search || "";
      for (var i = 0; i < words.length; i++) if (key.indexOf(words[i]) < 0) return;
      // Rank: a name (symbol, label, alias) equal to the query, then one starting with it,
      // then documents, then the rest; ties by label.
      var names = n.names || [], score = n.kind === "document" ? 4 : 5;
      for (var j = 0; j < names.length; j++) {
        if (names[j] === qq) { score = 0; break; }
        if (names[j].indexOf(qq) === 0) score = Math.min(score, 1);
        else if (names[j].indexOf(qq) >= 0) score = Math.min(score, 2);
      }
      hits.push([score, String(n.label), n.id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : (a[1] > b[1] ? 1 : 0)); });
    return hits.map(function (h) { return h[2]; });
  }
  var results = document.getElementById("results");
  function focusNode(id) {
    highlight(id);
    network.focus(id, {scale: 1.0, animation: false});
  }
  function runSearch(pick) {
    var q = document.getElementById("search").value;
    var hits = state.searchResults = search(q);
    results.textContent = "";
    hits.slice(0, 50).forEach(function (id) {
      var li = el("li", null, byId[id].label);
      li.dataset.id = id;
      li.addEventListener("click", function () { focusNode(id); });
      results.appendChild(li);
    });
    if (q && !hits.length) results.appendChild(el("li", "none", "Không tìm thấy"));
    if (pick && hits.length) focusNode(hits[0]);
  }
  var sbox = document.getElementById("search");
  sbox.addEventListener("input", function () { runSearch(false); });
  sbox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(true); });

  // Filters: type, province, year (documents without a year stay visible).
  function fill(sel, values) {
    values.forEach(function (v) { var o = el("option", null, v[1]); o.value = v[0]; sel.appendChild(o); });
  }
  var types = {}, provs = {};
  DATA.nodes.forEach(function (n) { if (n.type) types[n.type] = true; if (n.province) provs[n.province] = true; });
  fill(document.getElementById("f-type"), Object.keys(types).sort().map(function (t) {
    return [t, t.indexOf("doc:") === 0 ? "Văn bản " + t.slice(4) :
      (t === "task" ? "Nhiệm vụ" : (t === "agency" ? "Cơ quan" : t))];
  }));
  fill(document.getElementById("f-province"), Object.keys(provs).sort().map(function (p) { return [p, p]; }));
  function applyFilters() {
    var t = document.getElementById("f-type").value, p = document.getElementById("f-province").value;
    var y = parseInt(document.getElementById("f-year").value, 10), upd = [], shown = 0;
    DATA.nodes.forEach(function (n) {
      var ok = (!t || n.type === t) && (!p || n.province === p) && (isNaN(y) || !n.year || n.year >= y);
      if (ok) shown++;
      upd.push({id: n.id, hidden: !ok});
    });
    nodes.update(upd);
    state.visibleCount = shown;
  }
  ["f-type", "f-province", "f-year"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", applyFilters);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".rel-toggle"), function (cb) {
    cb.addEventListener("change", function () {
      var upd = [];
      DATA.edges.forEach(function (e) { if (e.relation === cb.value) upd.push({id: e.id, hidden: !cb.checked}); });
      edges.update(upd);
    });
  });
  document.getElementById("reset").addEventListener("click", function () {
    document.getElementById("f-type").value = ""; document.getElementById("f-province").value = "";
    document.getElementById("f-year").value = ""; applyFilters(); highlight(null);
  });
  state.visibleCount = DATA.nodes.length;
})();
</script>
</body>
</html>
"""

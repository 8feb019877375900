// The member's page (docs/lan.md, "Protocol"). The link's key is read from the URL fragment (never
// sent) and kept on this device; every request is signed with it. Choices go into a queue kept in
// localStorage and are sent one at a time, in order, until the server has acknowledged each, so a
// dropped Wi-Fi or a restarted app loses nothing.
(function () {
  "use strict";
  var body = document.body;
  var member = body.getAttribute("data-member");
  var lang = body.getAttribute("data-lang");
  var T = JSON.parse(document.getElementById("texts").textContent);
  var app = document.getElementById("app");
  var statusLine = document.getElementById("status");
  var store = window.localStorage;
  var keyName = "ocop.key." + member, queueName = "ocop.queue." + member;

  var key = null;
  var m = /(?:^#|&)k=([A-Za-z0-9_-]{22,})/.exec(window.location.hash);
  if (m) {
    key = m[1];
    store.setItem(keyName, key);
  } else {
    key = store.getItem(keyName);
  }

  var device = store.getItem("ocop.device");
  if (!device) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    device = ocopHmac.hex(bytes);
    store.setItem("ocop.device", device);
  }

  var epoch = null, state = null, current = null, sending = false;

  function queue() {
    try { return JSON.parse(store.getItem(queueName) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(q) { store.setItem(queueName, JSON.stringify(q)); }
  function nextCounter() {
    var n = parseInt(store.getItem("ocop.counter") || "0", 10) + 1;
    store.setItem("ocop.counter", String(n));
    return n;
  }
  function say(text, kind) {
    statusLine.textContent = text;
    statusLine.className = kind || "";
  }

  function hello() {
    return fetch("/api/hello", { cache: "no-store" }).then(function (r) { return r.json(); })
      .then(function (j) { epoch = j.epoch; });
  }

  // One signed request; resolves to {status, json}. Rejects only when the network is down.
  function signed(action, payload) {
    var path = "/api/m/" + encodeURIComponent(member) + "/" + action;
    var text = JSON.stringify(payload || {});
    var counter = nextCounter();
    var mac = ocopHmac.sign(key, "POST\n" + path + "\n" + epoch + "\n" + device + "\n" + counter + "\n" + text);
    return fetch(path, {
      method: "POST", cache: "no-store", body: text,
      headers: {
        "Content-Type": "application/json", "X-Ocop-Device": device, "X-Ocop-Epoch": epoch,
        "X-Ocop-Counter": String(counter), "X-Ocop-Mac": mac, "X-Ocop-Lang": lang
      }
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, json: j }; });
    }).then(function (res) {
      // The app restarted: a new epoch. Sign again under it.
      if (res.status === 409 && res.json.error === "stale_epoch") {
        epoch = res.json.message;
        return signed(action, payload);
      }
      return res;
    });
  }

  function later(f) { window.setTimeout(f, 1500); }

  // Sends the queue's first item until the queue is empty; a network failure retries the same item.
  function pump() {
    if (sending) return;
    var q = queue();
    if (!q.length) { say(T.saved, "ok"); return; }
    sending = true;
    say(T.pending + " (" + q.length + ")", "pending");
    var item = q[0];
    (epoch ? Promise.resolve() : hello()).then(function () {
      return signed(item.action, item.payload);
    }).then(function (res) {
      sending = false;
      // Not done, not refused: the server was busy or could not write (nothing of it is in the
      // file: the writer answers only after its commit). The same item is sent again later.
      if (res.status >= 500 || res.status === 408 || res.status === 429) {
        say(T.pending + " (" + q.length + ")", "pending");
        later(pump);
        return;
      }
      var rest = queue();
      rest.shift();
      saveQueue(rest);
      if (res.status !== 200) {
        say(res.json.message || String(res.status), "error");
        loadState();
        return;
      }
      if (item.action === "submit") loadState();
      pump();
    }, function () {
      sending = false;
      say(T.offline, "error");
      later(pump);
    });
  }

  function enqueue(action, payload) {
    var q = queue();
    q.push({ action: action, payload: payload });
    saveQueue(q);
    pump();
  }

  // What the sheet shows: the server's choices with the queue's unsent ones on top.
  function pendingChoices(code) {
    var out = {}, comment = null, submitted = false;
    queue().forEach(function (item) {
      if (item.payload.dossier !== code) return;
      if (item.action === "choice") out[item.payload.criterion] = item.payload.option;
      if (item.action === "comment" || item.action === "submit") comment = item.payload.comment;
      if (item.action === "submit") submitted = true;
    });
    return { choices: out, comment: comment, submitted: submitted };
  }

  function loadState() {
    if (!key) { app.textContent = ""; say(T.no_key, "error"); return; }
    (epoch ? Promise.resolve() : hello()).then(function () { return signed("state", {}); }).then(function (res) {
      if (res.status !== 200) {
        app.textContent = "";
        say(res.json.message || String(res.status), "error");
        // Bound to another device: the secretary is asked which keeps the link; once moved
        // here, the page comes alive by itself.
        if (res.json.error === "other_device") window.setTimeout(loadState, 5000);
        return;
      }
      state = res.json;
      if (current) showSheet(current); else showList();
      pump();
    }, function () {
      say(T.offline, "error");
      later(loadState);
    });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showList() {
    current = null;
    app.textContent = "";
    if (!state.member.present) app.appendChild(el("p", { "class": "notice" }, T.absent));
    app.appendChild(el("h2", {}, state.member.name + " — " + T.products));
    if (!state.products.length) app.appendChild(el("p", {}, T.nothing));
    var list = el("ul", { "class": "products" });
    state.products.forEach(function (p) {
      var li = el("li");
      var a = el("a", { href: "#", "data-dossier": p.code, "class": "product " + p.status });
      a.appendChild(el("strong", {}, p.code + " · " + p.product));
      a.appendChild(el("span", {}, p.producer + (p.status === "submitted" ? " — " + T.submitted : "")));
      a.addEventListener("click", function (ev) { ev.preventDefault(); showSheet(p.code); });
      li.appendChild(a);
      list.appendChild(li);
    });
    app.appendChild(list);
  }

  function product(code) {
    for (var i = 0; i < state.products.length; i++) if (state.products[i].code === code) return state.products[i];
    return null;
  }

  // The same rule as the results for one sheet: band from the total, capped by the star minimums.
  function rating(sheet, choices) {
    var total = 0, cap = 5;
    sheet.parts.forEach(function (part) {
      part.leaves.forEach(function (leaf) {
        var chosen = choices[leaf.code];
        var points = chosen > 0 ? leaf.options[chosen - 1].points : 0;
        total += points;
        leaf.options.forEach(function (o) {
          if (o.min_star && (chosen === undefined || points < o.points)) cap = Math.min(cap, o.min_star - 1);
        });
      });
    });
    var band = state.bands[Math.max(0, Math.min(100, total))];
    return { total: total, band: band, stars: Math.min(band, Math.max(cap, 2)) };
  }

  function showSheet(code) {
    var p = product(code);
    if (!p) { showList(); return; }
    current = code;
    var sheet = state.sheets[String(p.sheet)];
    var pending = pendingChoices(code);
    var choices = {};
    Object.keys(p.choices).forEach(function (k) { choices[k] = p.choices[k]; });
    Object.keys(pending.choices).forEach(function (k) { choices[k] = pending.choices[k]; });
    var open = p.status === "draft" && !pending.submitted;
    app.textContent = "";
    var back = el("a", { href: "#", id: "back", "class": "back" }, T.back);
    back.addEventListener("click", function (ev) { ev.preventDefault(); showList(); });
    app.appendChild(back);
    app.appendChild(el("h2", {}, p.code + " · " + p.product));
    app.appendChild(el("p", { "class": "sheet-name" }, sheet.no + ". " + sheet.name));
    if (!open) app.appendChild(el("p", { "class": "notice", id: "readonly" }, T.submitted));
    var totals = el("div", { "class": "totals", id: "totals" });
    function refresh() {
      var r = rating(sheet, choices);
      totals.textContent = T.total + ": " + r.total + " · " + T.band + ": " + r.band + "★ · " + T.stars + ": " + r.stars + "★";
      totals.setAttribute("data-total", String(r.total));
    }
    sheet.parts.forEach(function (part) {
      app.appendChild(el("h3", {}, part.code + ". " + part.title + " (" + part.max + ")"));
      part.leaves.forEach(function (leaf) {
        var box = el("section", { "class": "criterion", "data-code": leaf.code });
        box.appendChild(el("h4", {}, leaf.code + " " + leaf.title));
        var buttons = [];
        var options = leaf.options.map(function (o, i) { return { o: o, n: i + 1 }; });
        options.push({ o: { label: T.none_option, points: 0, min_star: null }, n: 0 });
        options.forEach(function (entry) {
          var b = el("button", { type: "button", "class": "option", "data-criterion": leaf.code, "data-option": String(entry.n) });
          b.appendChild(el("span", { "class": "label" }, entry.o.label));
          var pts = entry.o.points + " " + T.points;
          if (entry.o.min_star) pts += " · ★" + entry.o.min_star + " " + T.star_minimum;
          b.appendChild(el("span", { "class": "points" + (entry.o.min_star ? " star" : "") }, pts));
          if (choices[leaf.code] === entry.n) b.className += " chosen";
          b.disabled = !open;
          b.addEventListener("click", function () {
            choices[leaf.code] = entry.n;
            buttons.forEach(function (x) { x.className = x.className.replace(" chosen", ""); });
            b.className += " chosen";
            refresh();
            enqueue("choice", { dossier: code, criterion: leaf.code, option: entry.n });
          });
          buttons.push(b);
          box.appendChild(b);
        });
        app.appendChild(box);
      });
    });
    app.appendChild(totals);
    app.appendChild(el("label", { "for": "comment" }, T.comment));
    var comment = el("textarea", { id: "comment", rows: "3", maxlength: "4000" });
    comment.value = pending.comment !== null ? pending.comment : p.comment;
    comment.disabled = !open;
    comment.addEventListener("change", function () { enqueue("comment", { dossier: code, comment: comment.value }); });
    app.appendChild(comment);
    var submit = el("button", { type: "button", id: "submit", "class": "submit" }, T.submit);
    submit.disabled = !open;
    submit.addEventListener("click", function () {
      if (!window.confirm(T.confirm_submit)) return;
      enqueue("submit", { dossier: code, comment: comment.value });
      open = false;
      submit.disabled = true;
    });
    app.appendChild(submit);
    refresh();
    window.scrollTo(0, 0);
  }

  window.addEventListener("online", pump);
  loadState();
})();

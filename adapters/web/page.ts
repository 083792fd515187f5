// The playground page: static HTML, CSS and a little script. Replies arrive as HTML rendered on
// the server by render.ts, so what the page shows is exactly what the adapter produced.
import { LANGUAGE_NAMES, LOCALES, type Locale } from "../../commands/core/i18n.ts";
import { escapeHtml } from "./render.ts";
import { webT } from "./strings.ts";

/**
 * The page in one language (the switcher's choice or the browser's): its own words come from
 * strings.ts, the switcher names each language in itself.
 */
export function playgroundPage(locale: Locale = "en"): string {
  const t = webT(locale);
  const h = (key: string) => escapeHtml(t(`web.${key}`));
  // Words the script shows; "<" escaped so nothing in them can close the script element.
  const words = JSON.stringify({
    noAnswer: t("web.noAnswer", { status: "{status}" }),
    onlyYou: t("web.onlyYou"),
    form: t("web.form"),
    dmsTitle: t("web.dmsTitle"),
    home: t("web.home"),
    as: t("web.as", { name: "{name}" }),
  }).replace(/</g, "\\u003c");
  const languages = LOCALES.map((l) => `<option value="${l}"${l === locale ? " selected" : ""}>${escapeHtml(LANGUAGE_NAMES[l])}</option>`).join("");
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h("title")}</title>
<style>
  :root { --purple:#5b2a86; --gold:#f5b800; --bg:#f6f4f9; --line:#ddd6e6; --text:#1d1a22; --muted:#6b6475; }
  * { box-sizing: border-box; }
  /* The page never scrolls: the message list does, so the composer stays in view. */
  html, body { height:100%; }
  body { margin:0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--text); background:var(--bg);
         display:grid; grid-template-columns: 250px minmax(0, 1fr); grid-template-rows: minmax(0, 1fr); height:100vh; height:100dvh; overflow:hidden; }
  aside { background:var(--purple); color:#fff; padding:16px; overflow:auto; }
  aside h1 { font-size:20px; margin:0 0 4px; } aside h1 span { color:var(--gold); }
  aside p.sub { margin:0 0 16px; opacity:.8; font-size:13px; }
  aside label, aside .label { display:block; font-size:12px; text-transform:uppercase; letter-spacing:.05em; opacity:.8; margin:14px 0 6px; }
  aside select { width:100%; padding:6px; border-radius:6px; border:0; font-size:14px; }
  aside ul { list-style:none; padding:0; margin:0; }
  aside li button { width:100%; text-align:left; background:none; color:#fff; border:0; padding:5px 8px; border-radius:6px; cursor:pointer; font-size:14px; }
  aside li button.active, aside li button:hover { background:rgba(255,255,255,.15); }
  aside button:focus-visible, aside select:focus-visible { outline:2px solid var(--gold); outline-offset:1px; }
  main { display:flex; flex-direction:column; min-width:0; min-height:0; height:100%; }
  header { display:flex; align-items:center; gap:10px; padding:12px 20px; border-bottom:1px solid var(--line); background:#fff; font-weight:600; flex:none; min-width:0; }
  header #title { min-width:0; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
  header small { font-weight:400; color:var(--muted); margin-left:8px; }
  #menu-button { display:none; border:1px solid var(--line); background:#fff; border-radius:6px; padding:4px 10px; font-size:18px; line-height:1; cursor:pointer; }
  #log { flex:1 1 auto; min-height:0; overflow-y:auto; overflow-x:hidden; padding:16px 20px; overscroll-behavior:contain; }
  .msg { background:#fff; border:1px solid var(--line); border-radius:10px; padding:10px 14px; margin:0 0 12px; max-width:min(820px, 100%); overflow-wrap:anywhere; }
  .msg.mine { background:#eee8f6; }
  .msg.private { border-style:dashed; }
  .msg .who { font-size:12px; color:var(--muted); margin-bottom:4px; }
  .msg h3 { margin:4px 0; font-size:15px; }
  .msg p { margin:4px 0; } .msg ul { margin:4px 0; padding-left:20px; }
  .msg dl { display:grid; grid-template-columns:max-content minmax(0, 1fr); gap:2px 12px; margin:6px 0; } .msg dt { color:var(--muted); } .msg dd { margin:0; min-width:0; }
  .detail, .context, .only-you, .hint { color:var(--muted); font-size:13px; }
  .only-you { font-style:italic; }
  code { background:#f1edf6; padding:1px 4px; border-radius:4px; font-size:13px; white-space:pre-wrap; overflow-wrap:anywhere; }
  .mention { color:var(--purple); font-weight:600; }
  .buttons { display:flex; gap:8px; flex-wrap:wrap; margin:8px 0 2px; }
  button.action, form button { border:1px solid var(--line); background:#fff; padding:5px 12px; border-radius:6px; cursor:pointer; font-size:14px; }
  button.primary { background:var(--purple); color:#fff; border-color:var(--purple); }
  button.danger { background:#b3261e; color:#fff; border-color:#b3261e; }
  button:disabled { opacity:.5; cursor:default; }
  form.modal { border:2px solid var(--purple); border-radius:10px; padding:12px; margin-top:8px; display:grid; gap:4px; max-width:min(520px, 100%); }
  form.modal label { font-weight:600; margin-top:6px; }
  form.modal input, form.modal select, form.modal textarea { padding:6px; border:1px solid var(--line); border-radius:6px; font:inherit; width:100%; min-width:0; }
  form.modal [aria-invalid="true"] { border-color:#b3261e; }
  .error { color:#b3261e; font-size:13px; min-height:0; }
  .file img { max-width:100%; height:auto; border:1px solid var(--line); border-radius:6px; display:block; margin:6px 0; }
  #composer { display:flex; gap:8px; padding:12px 20px; border-top:1px solid var(--line); background:#fff; flex:none; min-width:0; }
  #composer input { flex:1; min-width:0; padding:10px; border:1px solid var(--line); border-radius:8px; font-size:16px; }
  #composer button { padding:10px 18px; border-radius:8px; border:0; background:var(--purple); color:#fff; font-size:15px; cursor:pointer; }
  #backdrop { display:none; }
  /* Phone width: the sidebar becomes a menu that slides over the messages. */
  @media (max-width: 720px) {
    body { grid-template-columns: minmax(0, 1fr); }
    aside { position:fixed; top:0; bottom:0; left:0; width:min(82vw, 300px); z-index:20; transform:translateX(-100%); transition:transform .15s ease-out; visibility:hidden; }
    body.menu-open aside { transform:none; visibility:visible; }
    body.menu-open #backdrop { display:block; position:fixed; inset:0; background:rgba(0,0,0,.35); z-index:10; }
    #menu-button { display:inline-block; }
    header, #log, #composer { padding-left:12px; padding-right:12px; }
    .msg { padding:8px 10px; }
    .msg dl { grid-template-columns:minmax(0, 1fr); gap:0; } .msg dd { margin-bottom:4px; }
    #composer button { padding:10px 12px; }
  }
</style>
</head>
<body>
<aside id="sidebar" aria-label="${h("sidebar")}">
  <h1>union<span>hall</span></h1>
  <p class="sub">${h("sub")}</p>
  <label for="lang">${h("language")}</label>
  <select id="lang">${languages}</select>
  <label for="persona">${h("youAre")}</label>
  <select id="persona"></select>
  <span class="label" id="channels-label">${h("channels")}</span>
  <ul id="channels" aria-labelledby="channels-label"></ul>
  <span class="label" id="you-label">${h("you")}</span>
  <ul aria-labelledby="you-label">
    <li><button data-where="home" id="home-link">${h("home")}</button></li>
    <li><button data-where="dm" id="dm-link">${h("dms")}</button></li>
  </ul>
  <p><a id="project-link" href="/project" target="_blank" rel="noopener">${h("projectPage")}</a></p>
</aside>
<div id="backdrop"></div>
<main>
  <header><button id="menu-button" type="button" aria-controls="sidebar" aria-expanded="false" aria-label="${h("menu")}">☰</button><span id="title">#general</span></header>
  <div id="log" aria-live="polite"></div>
  <form id="composer" autocomplete="off">
    <input id="text" placeholder="${h("placeholder")}" aria-label="${h("command")}" enterkeyhint="send">
    <button type="submit">${h("send")}</button>
  </form>
</main>
<script>
(() => {
  const $ = (s) => document.querySelector(s);
  const log = $("#log"), persona = $("#persona"), text = $("#text"), menuButton = $("#menu-button");
  let as = localStorage.getItem("uh.as") || "maria", where = "#general", since = 0, names = {};
  const uid = () => (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
  // The page's language stands in for Slack's user locale: every request carries it.
  const LANG = "${locale}", L = ${words};
  const chosen = localStorage.getItem("uh.lang");
  if (chosen && chosen !== LANG && !new URLSearchParams(location.search).has("lang")) { location.replace("?lang=" + encodeURIComponent(chosen)); return; }
  $("#lang").addEventListener("change", (e) => { localStorage.setItem("uh.lang", e.target.value); location.replace("?lang=" + encodeURIComponent(e.target.value)); });
  const post = (url, body) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, lang: LANG }) }).then(async (r) => {
      try { return await r.json(); } catch { return { error: L.noAnswer.replace("{status}", r.status) }; }
    });

  // The list follows the newest message unless the reader has scrolled up to read older ones.
  const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 60;
  const toBottom = () => { log.scrollTop = log.scrollHeight; };
  function addMessage(html, opts) {
    const follow = opts.mine || atBottom();
    const div = document.createElement("div");
    div.className = "msg" + (opts.mine ? " mine" : "") + (opts.private ? " private" : "");
    if (opts.id) div.dataset.messageId = opts.id;
    div.innerHTML = '<div class="who"></div>' + html;
    div.querySelector(".who").textContent = opts.from;
    log.appendChild(div);
    if (follow) {
      toBottom();
      div.querySelectorAll("img").forEach((img) => img.addEventListener("load", toBottom, { once: true }));
    }
    const form = div.querySelector("form.modal");
    if (form && opts.focusForm) openForm(form);
    return div;
  }
  function echo(t) { addMessage("", { mine: true, from: (names[as] || as) + ": " + t }); }
  function showReply(r) {
    if (r.error) return addMessage("<p></p>", { from: "playground", private: true }).querySelector("p").append(r.error);
    if (r.visibility === "channel") { since = Math.max(since, r.messageId); return addMessage(r.html, { from: "unionhall", id: r.messageId, focusForm: true }); }
    return addMessage(r.html, { from: L.onlyYou, private: true, focusForm: true });
  }

  // Forms behave like dialogs: they take focus, Esc cancels, and focus goes back to the composer.
  function openForm(form) {
    form.setAttribute("aria-label", (form.querySelector("h3") || {}).textContent || L.form);
    const first = form.querySelector("input:not([type=hidden]), select, textarea");
    (first || form.querySelector("button[type=submit]")).focus({ preventScroll: true });
    form.scrollIntoView({ block: "nearest" });
  }
  function closeForm(form) {
    const msg = form.closest(".msg");
    form.remove();
    if (msg && !msg.querySelector(".text, section, .buttons, .file, .context")) msg.remove();
    text.focus();
  }

  async function send(t) {
    echo(t);
    showReply(await post("/api/command", { as, where: currentWhere(), text: t, id: uid() }));
    if (!log.contains(document.activeElement)) text.focus();
  }
  function currentWhere() { return where === "dm" || where === "home" ? "@" + as : where; }

  log.addEventListener("click", async (e) => {
    const b = e.target.closest("button.action");
    if (b) {
      const msg = b.closest(".msg");
      msg.querySelectorAll("button.action").forEach((x) => (x.disabled = true));
      const r = await post("/api/action", { as, where: currentWhere(), token: b.dataset.token, messageId: msg.dataset.messageId ? Number(msg.dataset.messageId) : undefined, id: uid() });
      // On Home a decision changes what waits for you: Home is drawn again, with the answer under it.
      if (r.update && where === "home" && !r.form) {
        await showHome();
        const answer = showReply({ ...r, visibility: "private" });
        if (answer) log.prepend(answer);
        log.scrollTop = 0;
        text.focus();
      }
      else if (r.update) { msg.innerHTML = '<div class="who">unionhall</div>' + r.html; const f = msg.querySelector("form.modal"); if (f) openForm(f); else text.focus(); }
      else { msg.querySelectorAll("button.action").forEach((x) => (x.disabled = false)); showReply({ ...r, visibility: r.visibility === "channel" ? "private" : r.visibility }); }
      return;
    }
    const c = e.target.closest("form.modal button.cancel");
    if (c) closeForm(c.closest("form.modal"));
  });
  log.addEventListener("keydown", (e) => {
    const f = e.target.closest && e.target.closest("form.modal");
    if (e.key === "Escape" && f) { e.preventDefault(); closeForm(f); }
  });
  log.addEventListener("submit", async (e) => {
    const f = e.target.closest("form.modal");
    if (!f) return;
    e.preventDefault();
    const values = {};
    const files = {};
    for (const [k, v] of new FormData(f).entries()) {
      if (typeof v === "string") { values[k] = v; continue; }
      values[k] = v.name;
      if (v.size > 0) {
        const bytes = new Uint8Array(await v.arrayBuffer());
        let bin = "";
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        files[k] = [{ name: v.name, data: btoa(bin) }];
      }
    }
    f.querySelectorAll(".error").forEach((x) => (x.textContent = ""));
    f.querySelectorAll("[aria-invalid]").forEach((x) => x.removeAttribute("aria-invalid"));
    const r = await post("/api/form", { as, where: currentWhere(), token: f.dataset.token, values, files, id: uid() });
    if (!r.ok && r.errors) {
      let first = null;
      for (const [k, v] of Object.entries(r.errors)) {
        const el = f.querySelector('[data-error-for="' + k + '"]');
        if (el) el.textContent = v;
        const input = f.querySelector('[name="' + k + '"]');
        if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
      }
      (first || f.querySelector("button[type=submit]")).focus();
      return;
    }
    closeForm(f);
    showReply(r);
    if (!log.contains(document.activeElement)) text.focus();
  });

  async function showHome() {
    const r = await fetch("/api/home?as=" + encodeURIComponent(as) + "&lang=" + encodeURIComponent(LANG)).then((x) => x.json());
    log.innerHTML = "";
    addMessage(r.html, { from: L.home });
    log.scrollTop = 0;
  }
  async function poll() {
    if (where === "home") return;
    try {
      const r = await fetch("/api/feed?as=" + encodeURIComponent(as) + "&where=" + encodeURIComponent(currentWhere()) + "&since=" + since).then((x) => x.json());
      for (const m of r.messages || []) {
        since = Math.max(since, m.id);
        const existing = log.querySelector('[data-message-id="' + m.id + '"]');
        if (!existing) addMessage(m.html, { from: m.from === "unionhall" ? "unionhall" : (names[m.from] || m.from) + " → unionhall", id: m.id });
      }
    } catch {}
  }

  function setMenu(open) {
    document.body.classList.toggle("menu-open", open);
    menuButton.setAttribute("aria-expanded", String(open));
    if (open) ($("aside li button.active") || persona).focus();
  }
  menuButton.addEventListener("click", () => setMenu(!document.body.classList.contains("menu-open")));
  $("#backdrop").addEventListener("click", () => setMenu(false));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && document.body.classList.contains("menu-open")) { setMenu(false); menuButton.focus(); }
  });

  function open(w) {
    where = w; since = 0; log.innerHTML = "";
    document.querySelectorAll("aside li button").forEach((b) => b.classList.toggle("active", b.dataset.where === w));
    $("#title").innerHTML = "";
    $("#title").textContent = w === "dm" ? L.dmsTitle : w === "home" ? L.home : w;
    const small = document.createElement("small"); small.textContent = L.as.replace("{name}", names[as] || as); $("#title").appendChild(small);
    if (document.body.classList.contains("menu-open")) setMenu(false);
    if (w === "home") showHome(); else poll();
    text.focus({ preventScroll: true });
  }
  $("#composer").addEventListener("submit", (e) => { e.preventDefault(); const t = text.value.trim(); if (!t) return; text.value = ""; send(t.startsWith("/") ? t : "/" + t); });
  persona.addEventListener("change", () => { as = persona.value; localStorage.setItem("uh.as", as); open(where); });
  $("#dm-link").addEventListener("click", () => open("dm"));
  $("#home-link").addEventListener("click", () => open("home"));

  fetch("/api/personas?lang=" + encodeURIComponent(LANG)).then((r) => r.json()).then((d) => {
    for (const p of d.personas) {
      names[p.handle] = p.name;
      const o = document.createElement("option"); o.value = p.handle; o.textContent = p.name + " — " + p.title; persona.appendChild(o);
    }
    if (!names[as]) as = d.personas[0].handle;
    persona.value = as;
    for (const c of d.channels) {
      const li = document.createElement("li"); const b = document.createElement("button");
      b.dataset.where = "#" + c; b.textContent = "# " + c; b.addEventListener("click", () => open("#" + c)); li.appendChild(b); $("#channels").appendChild(li);
    }
    open("#general");
    setInterval(poll, 1500);
  });
})();
</script>
</body>
</html>`;
}

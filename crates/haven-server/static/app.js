// haven couple space: progressive enhancement only; every page works
// without this script. No third-party code, nothing leaves this machine.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]');
  const token = csrf ? csrf.content : "";

  // Times are written in UTC; show them in the reader's own time zone.
  for (const t of document.querySelectorAll("time[datetime]")) {
    const d = new Date(t.getAttribute("datetime"));
    if (!isNaN(d)) t.textContent = d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  // The draft coach: checks the draft as it is typed (debounced) and shows
  // the flagged words, why they may hurt, and a gentler way to say it.
  const draft = document.getElementById("draft");
  const coach = document.getElementById("coach");
  if (draft && coach && token) {
    let timer = null, seq = 0;
    const render = (text, v) => {
      coach.replaceChildren();
      const flagged = (v.findings || []).filter((f) => f.kind !== "builder");
      if (!flagged.length) return;
      const box = el("div", { class: "coach-findings", "data-live": "1" });
      // The draft with each flagged span marked, by byte offsets.
      const bytes = new TextEncoder().encode(text), dec = new TextDecoder();
      const spans = flagged.map((f) => [f.start, f.end]).sort((a, b) => a[0] - b[0]);
      const p = el("p", { class: "coach-text" });
      let at = 0;
      for (const [s, e] of spans) {
        if (s < at || e > bytes.length) continue;
        p.append(dec.decode(bytes.slice(at, s)), el("mark", {}, dec.decode(bytes.slice(s, e))));
        at = e;
      }
      p.append(dec.decode(bytes.slice(at)));
      box.append(p);
      const ul = el("ul");
      for (const f of flagged) {
        ul.append(el("li", { class: "finding " + f.kind }, el("strong", {}, f.title), " — “" + f.text + "”. " + f.why + " ", el("em", {}, "Try: " + f.instead)));
      }
      box.append(ul);
      if (v.suggested_rewrite) {
        const use = el("button", { type: "button", class: "secondary", id: "use-rewrite" }, "Use this");
        use.addEventListener("click", () => { draft.value = v.suggested_rewrite; check(); draft.focus(); });
        box.append(el("p", { class: "rewrite" }, "A gentler way to say it: ", el("q", {}, v.suggested_rewrite), " ", use));
      }
      if (v.resources || flagged.some((f) => f.behaviour === "threat")) {
        const aside = el("aside", { class: "resources", role: "note" }, el("strong", {}, "If you or someone else is in danger, help is available now:"));
        const list = el("ul");
        for (const r of v.resources || []) list.append(el("li", {}, el("strong", {}, r.name), ": " + r.detail));
        aside.append(list, el("a", { href: "/resources" }, "More resources"));
        box.append(aside);
      }
      coach.append(box);
    };
    const check = () => {
      const text = draft.value;
      const mine = ++seq;
      if (!text.trim()) { coach.replaceChildren(); return; }
      fetch("/api/check", { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": token, Accept: "application/json" }, body: JSON.stringify({ text }) })
        .then((r) => (r.ok ? r.json() : null))
        .then((v) => { if (v && mine === seq) render(text, v); })
        .catch(() => {});
    };
    draft.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 150); });
    if (draft.value.trim()) check();
  }

  // Pause reminders: when a pause's time comes while a page is open, both
  // partners see it without reloading.
  const reminders = document.getElementById("reminders");
  if (reminders && token) {
    const poll = () => {
      fetch("/api/pauses", { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .then((v) => {
          if (!v) return;
          for (const p of v.pauses.filter((p) => p.due)) {
            if (reminders.querySelector('[data-pause="' + CSS.escape(p.id) + '"]')) continue;
            const form = el("form", { method: "post", action: "/pauses/" + encodeURIComponent(p.id) + "/resume", class: "inline" },
              el("input", { type: "hidden", name: "csrf", value: token }), el("button", { type: "submit" }, "Reopen the topic"));
            reminders.append(el("div", { class: "reminder", "data-pause": p.id }, el("strong", {}, "Time to come back to “" + p.topic + "”. "), "Start gently: what did each of you think about during the break? ", form));
          }
        })
        .catch(() => {});
    };
    setInterval(poll, 30000);
  }
})();

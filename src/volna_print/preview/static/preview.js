// Live reload: the server announces its state (build version, busy, and a serial that grows with every
// publication: a build, a page of the first build, a preflight) as server-sent events; when the serial differs
// from the one this page shows, the page's <main> is fetched again and swapped in, keeping the scroll position
// and the zoom. Hidden tabs close their stream: browsers allow few connections per host.
//
// The large views: zoom (fit, 100 % = the page's own size, steps, Ctrl+wheel, a click), pan by dragging,
// frames and labels toggles, and the frame a link names (#f-3-key) highlighted and scrolled into view.
(() => {
  "use strict";
  const PX_PER_MM = 96 / 25.4;  // CSS pixels per millimetre: 100 % shows the page at its printed size
  const STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 2.5, 3];
  const PADDING = 24;  // the sheets' padding in the viewer, both sides
  let source = null;
  let refreshing = false;
  let wanted = 0;
  let zoom = sessionStorage.getItem("volna-zoom") || "fit";  // "fit" or a factor, as text

  const shown = () => Number(document.getElementById("main").dataset.serial || 0);
  const viewer = () => document.getElementById("viewer");

  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    let again = false;
    try {
      const response = await fetch(location.href, { cache: "no-store" });
      if (response.status === 404) { location.href = "/"; return; }  // e.g. the issue lost this page
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      const main = fresh.getElementById("main");
      if (!main) { location.reload(); return; }
      const old = viewer();
      const kept = old ? { left: old.scrollLeft, top: old.scrollTop } : null;
      document.getElementById("main").replaceWith(document.adoptNode(main));
      document.title = fresh.title;
      setUp(kept);
      again = shown() < wanted;  // a newer state was announced while this one was fetched
    } catch (error) {
      setTimeout(refresh, 1000);  // the server is restarting: try again
    } finally {
      refreshing = false;
    }
    if (again) refresh();
  }

  function connect() {
    if (source) return;
    source = new EventSource("/events");
    source.addEventListener("state", (event) => {
      const state = JSON.parse(event.data);
      document.body.classList.toggle("busy", state.busy);
      document.body.classList.toggle("checking", state.checking);
      document.body.classList.remove("offline");
      wanted = state.serial;
      if (state.serial !== shown() && state.serial > 0) refresh();
    });
    source.onerror = () => document.body.classList.add("offline");
  }

  function disconnect() {
    if (source) { source.close(); source = null; }
  }

  // --- zoom and pan -----------------------------------------------------------------------------------------

  function pageSize(v) {
    return { w: Number(v.dataset.widthMm) * PX_PER_MM, h: Number(v.dataset.heightMm) * PX_PER_MM };
  }

  function factor(v) {
    if (zoom !== "fit") return Number(zoom);
    const { w, h } = pageSize(v);
    const count = v.querySelectorAll(".sheet").length || 1;
    return Math.max(0.05, Math.min((v.clientHeight - PADDING) / h, (v.clientWidth - PADDING) / (w * count)));
  }

  // Set the sheets' size for the zoom; keep the point of the content under `at` (viewer pixels) where it is.
  function apply(v, at) {
    const sheets = document.getElementById("sheets");
    if (!sheets) return;
    const rx = at ? (v.scrollLeft + at.x) / Math.max(v.scrollWidth, 1) : 0;
    const ry = at ? (v.scrollTop + at.y) / Math.max(v.scrollHeight, 1) : 0;
    const scale = factor(v);
    sheets.style.setProperty("--page-width", `${(pageSize(v).w * scale).toFixed(1)}px`);
    v.classList.toggle("zoomed", v.scrollWidth > v.clientWidth + 1 || v.scrollHeight > v.clientHeight + 1);
    v.dataset.zoom = scale.toFixed(3);
    if (at) {
      v.scrollLeft = rx * v.scrollWidth - at.x;
      v.scrollTop = ry * v.scrollHeight - at.y;
    }
    const output = document.getElementById("zoom-value");
    if (output) output.textContent = `${Math.round(scale * 100)}\u00a0%`;
    document.querySelectorAll("#toolbar [data-zoom]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.zoom === zoom));
    });
  }

  function setZoom(value, at) {
    const v = viewer();
    if (!v) return;
    if (value === "in" || value === "out") {
      const now = factor(v);
      const next = value === "in" ? STEPS.find((s) => s > now * 1.01) : [...STEPS].reverse().find((s) => s < now * 0.99);
      value = String(next || now);
    }
    zoom = value;
    sessionStorage.setItem("volna-zoom", zoom);
    apply(v, at || { x: v.clientWidth / 2, y: v.clientHeight / 2 });
    const target = v.querySelector(".frame.highlight");
    if (!at && target) reveal(v, target);  // the buttons and keys zoom into the highlighted frame
  }

  function pointIn(v, event) {
    const box = v.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  function setUpViewer(v, kept) {
    apply(v);
    if (kept) { v.scrollLeft = kept.left; v.scrollTop = kept.top; }
    let drag = null;
    let dragged = false;
    v.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || event.target.closest("a, button, input, label")) return;
      drag = { x: event.clientX, y: event.clientY, left: v.scrollLeft, top: v.scrollTop, id: event.pointerId };
      dragged = false;
    });
    v.addEventListener("pointermove", (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!dragged) { dragged = true; v.setPointerCapture(drag.id); v.classList.add("dragging"); }
      v.scrollLeft = drag.left - dx;
      v.scrollTop = drag.top - dy;
    });
    const end = () => { drag = null; v.classList.remove("dragging"); };
    v.addEventListener("pointerup", end);
    v.addEventListener("pointercancel", end);
    v.addEventListener("click", (event) => {
      if (dragged) { dragged = false; return; }  // the end of a drag is no click
      if (event.target.closest("a, button, input, label") || !event.target.closest(".sheet")) return;
      // A click enlarges to 100 % at the point clicked; on an enlarged page it goes back to the whole page.
      setZoom(zoom === "fit" ? "1" : "fit", pointIn(v, event));
    });
    v.addEventListener("wheel", (event) => {
      if (!event.ctrlKey) return;  // the wheel alone scrolls; with Ctrl it zooms around the pointer
      event.preventDefault();
      setZoom(event.deltaY < 0 ? "in" : "out", pointIn(v, event));
    }, { passive: false });
  }

  // --- frames, labels and the highlighted frame -------------------------------------------------------------

  function toggle(id, key, cls, fallback) {
    const box = document.getElementById(id);
    if (!box) return;
    const set = () => document.querySelectorAll(".sheet:not(.blank)").forEach((s) => s.classList.toggle(cls, cls === "bare" ? !box.checked : box.checked));
    const stored = localStorage.getItem(key);
    box.checked = stored === null ? fallback : stored === "on";
    set();
    box.addEventListener("change", () => { localStorage.setItem(key, box.checked ? "on" : "off"); set(); });
  }

  // Highlight the frame the address names (#f-3-key), and bring it into sight unless the page was only refreshed.
  function highlight(bring = true) {
    document.querySelectorAll(".frame.highlight").forEach((f) => f.classList.remove("highlight"));
    const id = decodeURIComponent(location.hash.slice(1));
    const frame = id && document.getElementById(id);
    if (!frame || !frame.classList.contains("frame")) return;
    frame.classList.add("highlight");
    const v = viewer();
    if (v && bring) reveal(v, frame);
  }

  // Scroll the viewer so that a frame is in sight: its middle, or its top part when it is taller than the window.
  function reveal(v, frame) {
    const box = frame.getBoundingClientRect(), area = v.getBoundingClientRect();
    const inside = box.left >= area.left && box.right <= area.right && box.top >= area.top && box.bottom <= area.bottom;
    if (inside) return;  // already in sight (always so when the page is fitted to the window)
    v.scrollLeft += box.left + box.width / 2 - (area.left + area.width / 2);
    v.scrollTop += box.top + Math.min(box.height / 2, area.height / 3) - (area.top + area.height / 2);
  }

  function setUp(kept) {
    const v = viewer();
    if (v) setUpViewer(v, kept);
    toggle("show-frames", "volna-frames", "bare", true);
    toggle("show-labels", "volna-labels", "labels", false);
    document.querySelectorAll("#toolbar [data-zoom]").forEach((button) => {
      button.addEventListener("click", () => setZoom(button.dataset.zoom));
    });
    document.querySelectorAll("[data-target]").forEach((item) => {
      const frame = document.getElementById(item.dataset.target);
      if (!frame) return;
      item.addEventListener("mouseenter", () => frame.classList.add("hover"));
      item.addEventListener("mouseleave", () => frame.classList.remove("hover"));
    });
    highlight(!kept);
  }

  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof Element && event.target.closest("textarea, select, input:not([type=checkbox])");
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (viewer()) {
      const zooms = { "+": "in", "=": "in", "-": "out", "0": "fit", "1": "1" };
      if (event.key in zooms) { setZoom(zooms[event.key]); event.preventDefault(); return; }
    }
    const link = document.querySelector(`.pager a[data-key="${event.key}"]`);
    if (link) location.href = link.href;
  });
  window.addEventListener("hashchange", () => highlight());
  window.addEventListener("resize", () => { const v = viewer(); if (v && zoom === "fit") apply(v); });
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  setUp(null);
  if (!document.hidden) connect();
})();

// Live reload: the server announces its state (build version, busy) as server-sent events; when the version
// differs from the one this page shows, the page's <main> is fetched again and swapped in, keeping the scroll
// position. Hidden tabs close their stream: browsers allow few connections per host.
(() => {
  "use strict";
  let source = null;
  let refreshing = false;
  let wanted = 0;

  const shown = () => Number(document.getElementById("main").dataset.version);

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
      document.getElementById("main").replaceWith(document.adoptNode(main));
      document.title = fresh.title;
      setUp();
      again = shown() < wanted;  // a newer build was announced while this one was fetched
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
      document.body.classList.remove("offline");
      wanted = state.version;
      if (state.version !== shown() && state.version > 0) refresh();
    });
    source.onerror = () => document.body.classList.add("offline");
  }

  function disconnect() {
    if (source) { source.close(); source = null; }
  }

  function setUp() {
    const sheet = document.getElementById("sheet");
    const box = document.getElementById("show-frames");
    if (sheet && box) {
      box.checked = localStorage.getItem("volna-frames") !== "off";
      sheet.classList.toggle("bare", !box.checked);
      box.addEventListener("change", () => {
        localStorage.setItem("volna-frames", box.checked ? "on" : "off");
        sheet.classList.toggle("bare", !box.checked);
      });
    }
  }

  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof Element && event.target.closest("textarea, select, input:not([type=checkbox])");
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    const link = document.querySelector(`.pager a[data-key="${event.key}"]`);
    if (link) location.href = link.href;
  });
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  setUp();
  if (!document.hidden) connect();
})();

/* Termine: drag an entry to another time, day or staff member. The move is posted to
   /app/appointments/{id}/move, where scheduling decides; a refusal puts the entry back and
   shows the server's German reason. Dragging an entry's lower edge changes its end the same way
   (/app/appointments/{id}/resize, 5-minute steps). A click without dragging opens the side
   panel. */
(function () {
  "use strict";

  var THRESHOLD = 4; // pixels before a press becomes a drag
  var drag = null;
  var swallowClick = false;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(minute) { return pad(Math.floor(minute / 60)) + ":" + pad(minute % 60); }

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRF-Token"]) { return headers["X-CSRF-Token"]; }
    } catch (e) { /* fall back to a form's field */ }
    var field = document.querySelector('input[name="csrf_token"]');
    return field ? field.value : "";
  }

  function say(text, refused) {
    var box = document.getElementById("cal-message");
    if (!box) { return; }
    box.setAttribute("role", refused ? "alert" : "status");
    box.classList.toggle("refused", !!refused);
    box.textContent = text;
  }

  function columnAt(cal, x) {
    var cols = cal.querySelectorAll(".rcal-col");
    for (var i = 0; i < cols.length; i++) {
      var r = cols[i].getBoundingClientRect();
      if (x >= r.left && x < r.right) { return cols[i]; }
    }
    return null;
  }

  // Starts are offered in steps from the start of each working interval (scheduling's rule),
  // so snap to that grid inside an interval, else to the step from the first visible hour.
  function snap(col, raw, first, step) {
    var base = first;
    var bands = col.querySelectorAll(".band.work");
    for (var i = 0; i < bands.length; i++) {
      var from = parseInt(bands[i].dataset.from, 10);
      var to = parseInt(bands[i].dataset.to, 10);
      if (raw >= from - step / 2 && raw < to) { base = from; break; }
    }
    return base + Math.round((raw - base) / step) * step;
  }

  function revert(d) {
    d.parent.insertBefore(d.entry, d.next);
    d.entry.setAttribute("style", d.style);
    d.entry.classList.remove("dragging", "saving");
  }

  function cleanUp(d) {
    if (d.label) { d.label.remove(); }
    d.cal.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
  }

  function reload() {
    return fetch(window.location.href, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var old = document.getElementById("calendar");
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var fresh = template.content.querySelector("#calendar");
        if (old && fresh) {
          old.replaceWith(fresh);
          if (window.htmx) { window.htmx.process(fresh); }
        }
      });
  }

  function refusal(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var node = template.content.querySelector(".error, [role=alert]");
    return (node ? node.textContent : "").trim();
  }

  function finish(d) {
    cleanUp(d);
    var col = d.target;
    var sameStaff = col.dataset.staff === d.origin.dataset.staff;
    if (d.minute === null || (col === d.origin && d.minute === d.startMinute)) {
      revert(d);
      return;
    }
    var body = new URLSearchParams();
    body.set("day", col.dataset.day);
    body.set("at", clock(d.minute));
    if (!sameStaff) { body.set("staff_id", col.dataset.staff); }
    var where = col.dataset.dayLabel + ", " + clock(d.minute) + (sameStaff ? "" : " bei " + col.dataset.staffName);
    d.entry.classList.remove("dragging");
    d.entry.classList.add("saving");
    postChange(d.entry, "move", body, {
      done: "Termin verschoben auf " + where + ".",
      refused: "Der Termin konnte nicht verschoben werden.",
      offline: "Keine Verbindung zum Server: Der Termin wurde nicht verschoben.",
      undo: function () { revert(d); }
    });
  }

  // One change of an appointment through the scheduling rules: accepted, the grid reloads;
  // refused or unreachable, the entry goes back and the German reason is shown.
  function postChange(entry, action, body, texts) {
    fetch("/app/appointments/" + entry.dataset.appointment + "/" + action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "HX-Request": "true",
        "X-CSRF-Token": csrfToken(),
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: body.toString()
    }).then(function (response) {
      if (response.ok) {
        say(texts.done, false);
        return reload();
      }
      return response.text().then(function (html) {
        texts.undo();
        say(refusal(html) || texts.refused, true);
      });
    }).catch(function () {
      texts.undo();
      say(texts.offline, true);
    });
  }

  document.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0 || !ev.target.closest) { return; }
    if (ev.target.closest(".rcal .e-resize")) { return; } // the lower edge: a resize
    var entry = ev.target.closest(".rcal .entry");
    if (!entry) { return; }
    var cal = entry.closest(".rcal");
    var first = parseInt(cal.dataset.first, 10);
    drag = {
      entry: entry,
      cal: cal,
      origin: entry.closest(".rcal-col"),
      target: entry.closest(".rcal-col"),
      parent: entry.parentNode,
      next: entry.nextSibling,
      style: entry.getAttribute("style"),
      x: ev.clientX,
      y: ev.clientY,
      grabY: ev.clientY - entry.getBoundingClientRect().top,
      pointer: ev.pointerId,
      first: first,
      step: parseInt(cal.dataset.step, 10) || 15,
      ppm: parseFloat(cal.dataset.ppm),
      startMinute: null,
      minute: null,
      moved: false,
      label: null
    };
    var at = (entry.dataset.start || "00:00").split(":");
    drag.startMinute = parseInt(at[0], 10) * 60 + parseInt(at[1], 10);
  });

  document.addEventListener("pointermove", function (ev) {
    var d = drag;
    if (!d || ev.pointerId !== d.pointer) { return; }
    if (!d.moved) {
      if (Math.abs(ev.clientX - d.x) + Math.abs(ev.clientY - d.y) < THRESHOLD) { return; }
      d.moved = true;
      d.entry.classList.add("dragging");
      d.label = document.createElement("span");
      d.label.className = "drop-label";
    }
    ev.preventDefault();
    var col = columnAt(d.cal, ev.clientX) || d.target;
    if (col !== d.target) {
      d.target.classList.remove("drop-target");
      d.target = col;
    }
    if (d.entry.parentNode !== col.querySelector(".entries")) {
      col.querySelector(".entries").appendChild(d.entry);
    }
    col.classList.add("drop-target");
    var span = parseInt(getComputedStyle(d.cal).getPropertyValue("--span"), 10) || 600;
    var offset = (ev.clientY - col.getBoundingClientRect().top - d.grabY) / d.ppm;
    var minute = snap(col, d.first + offset, d.first, d.step);
    var snapped = Math.max(0, Math.min(minute - d.first, span - d.step));
    d.minute = d.first + snapped;
    d.entry.style.setProperty("--top", String(snapped));
    d.entry.style.setProperty("--lane", "0");
    d.entry.style.setProperty("--lanes", "1");
    d.label.textContent = col.dataset.dayLabel + " " + clock(d.minute) + " · " + col.dataset.staffName;
    d.label.style.top = "calc(" + snapped + " * var(--ppm) - 1.1rem)";
    if (d.label.parentNode !== col) { col.appendChild(d.label); }
  });

  document.addEventListener("pointerup", function (ev) {
    var d = drag;
    if (!d || ev.pointerId !== d.pointer) { return; }
    drag = null;
    if (!d.moved) { return; } // a click: htmx opens the panel
    swallowClick = true;
    window.setTimeout(function () { swallowClick = false; }, 0);
    finish(d);
  });

  document.addEventListener("pointercancel", function () {
    var d = drag;
    drag = null;
    if (d && d.moved) { cleanUp(d); revert(d); }
  });

  // Resizing: the lower edge follows the pointer in 5-minute steps (scheduling snaps the end to
  // 5 minutes too); the drop posts the new end, a refusal puts the old length back.
  var RESIZE_STEP = 5;
  var stretch = null;

  function minuteOf(text) {
    var at = (text || "00:00").split(":");
    return parseInt(at[0], 10) * 60 + parseInt(at[1], 10);
  }

  function endStretch(s) {
    s.entry.classList.remove("resizing");
    if (s.label) { s.label.remove(); }
  }

  function revertStretch(s) {
    s.entry.setAttribute("style", s.style);
    s.entry.classList.remove("saving");
  }

  function finishStretch(s) {
    endStretch(s);
    if (s.minutes === s.startMinutes) { revertStretch(s); return; }
    var end = clock(s.start + s.minutes);
    var body = new URLSearchParams();
    body.set("ends_at_local", end);
    s.entry.classList.add("saving");
    postChange(s.entry, "resize", body, {
      done: "Termin endet jetzt um " + end + ".",
      refused: "Die Dauer konnte nicht geändert werden.",
      offline: "Keine Verbindung zum Server: Die Dauer wurde nicht geändert.",
      undo: function () { revertStretch(s); }
    });
  }

  document.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0 || !ev.target.closest) { return; }
    var handle = ev.target.closest(".rcal .e-resize");
    if (!handle) { return; }
    var entry = handle.closest(".entry");
    var cal = entry.closest(".rcal");
    ev.preventDefault();
    var minutes = parseInt(entry.dataset.minutes, 10) || 15;
    stretch = {
      entry: entry,
      style: entry.getAttribute("style"),
      y: ev.clientY,
      pointer: ev.pointerId,
      ppm: parseFloat(cal.dataset.ppm),
      start: minuteOf(entry.dataset.start),
      startMinutes: minutes,
      minutes: minutes,
      moved: false,
      label: null
    };
  });

  document.addEventListener("pointermove", function (ev) {
    var s = stretch;
    if (!s || ev.pointerId !== s.pointer) { return; }
    if (!s.moved) {
      if (Math.abs(ev.clientY - s.y) < THRESHOLD) { return; }
      s.moved = true;
      s.entry.classList.add("resizing");
      s.label = document.createElement("span");
      s.label.className = "drop-label";
    }
    ev.preventDefault();
    var raw = s.startMinutes + (ev.clientY - s.y) / s.ppm;
    var snapped = Math.round(raw / RESIZE_STEP) * RESIZE_STEP;
    s.minutes = Math.max(RESIZE_STEP, Math.min(snapped, 24 * 60 - RESIZE_STEP - s.start));
    s.entry.style.setProperty("--len", String(s.minutes));
    s.label.textContent = "bis " + clock(s.start + s.minutes);
    var col = s.entry.closest(".rcal-col");
    var top = parseFloat(getComputedStyle(s.entry).getPropertyValue("--top")) || 0;
    s.label.style.top = "calc(" + (top + s.minutes) + " * var(--ppm) + 2px)";
    if (col && s.label.parentNode !== col) { col.appendChild(s.label); }
  });

  document.addEventListener("pointerup", function (ev) {
    var s = stretch;
    if (!s || ev.pointerId !== s.pointer) { return; }
    stretch = null;
    if (!s.moved) { return; }
    swallowClick = true;
    window.setTimeout(function () { swallowClick = false; }, 0);
    finishStretch(s);
  });

  document.addEventListener("pointercancel", function () {
    var s = stretch;
    stretch = null;
    if (s && s.moved) { endStretch(s); revertStretch(s); }
  });

  // A click on an entry shows everything about it in the side panel (without the script the
  // link opens the appointment's page; a modified click still opens it in a new tab).
  var lastLink = null;

  function closePanel() {
    var panel = document.getElementById("cal-panel");
    if (panel && panel.innerHTML) {
      panel.innerHTML = "";
      if (lastLink && document.contains(lastLink)) { lastLink.focus(); }
    }
  }

  function openPanel(link) {
    var panel = document.getElementById("cal-panel");
    if (!panel) { return false; }
    lastLink = link;
    fetch(link.getAttribute("href") + "/panel", { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        panel.innerHTML = html;
        if (window.htmx) { window.htmx.process(panel); }
        var heading = panel.querySelector("h2");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      });
    return true;
  }

  // The click that ends a drag must neither follow the link nor open the panel.
  document.addEventListener("click", function (ev) {
    if (swallowClick && ev.target.closest && ev.target.closest(".rcal")) {
      ev.preventDefault();
      ev.stopPropagation();
      return;
    }
    var link = ev.target.closest && ev.target.closest(".rcal .entry a");
    if (link && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey && ev.button === 0 && openPanel(link)) {
      ev.preventDefault();
      ev.stopPropagation();
    }
    if (ev.target.closest && ev.target.closest(".rcal-panel-close")) { closePanel(); }
  }, true);

  document.addEventListener("dragstart", function (ev) {
    if (ev.target.closest && ev.target.closest(".rcal .entry")) { ev.preventDefault(); }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closePanel(); }
  });
})();

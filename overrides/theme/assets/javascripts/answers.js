/* tippack answers: keep what someone types into a worksheet in this browser only.
 *
 * Every form control in a module page has `data-tp-field` and a pack-unique `name`
 * ("module.item", "module.item.notes", "module.item.r1c2", "module.item.3").
 * Its answer is kept in localStorage under "tippack:<pack slug>:<name>", restored
 * when the page opens, and saved on every change. Nothing is ever sent anywhere.
 *
 * Plain ES2017, no dependencies, no network. Works with Material's instant
 * navigation on (document$) or off (DOMContentLoaded).
 */
(function () {
  "use strict";

  var FORMAT = 1;
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var FIELD = "[data-tp-field]";

  /* ---------------------------------------------------------------- storage */

  var store = (function () {
    try {
      var s = window.localStorage;
      var probe = "tippack:__probe__";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();

  function panel() {
    return document.querySelector(".tp-answers[data-tp-pack]");
  }

  function keyFor(slug, name) {
    return "tippack:" + slug + ":" + name;
  }

  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll(FIELD)).filter(function (el) {
      return el.name;
    });
  }

  /* The names on this page, each with its controls (a radio group has several). */
  function groups() {
    var byName = new Map();
    fields().forEach(function (el) {
      if (!byName.has(el.name)) byName.set(el.name, []);
      byName.get(el.name).push(el);
    });
    return byName;
  }

  /* The answer a group of controls holds now, or null when it holds nothing of the user's. */
  function readGroup(controls) {
    var first = controls[0];
    if (first.type === "radio") {
      var checked = controls.filter(function (el) { return el.checked; })[0];
      return checked ? checked.value : null;
    }
    if (first.type === "checkbox") {
      return first.checked ? first.value : null;
    }
    return first.value === first.defaultValue ? null : first.value;
  }

  /* Put an answer back into a group of controls; null restores the page's own value. */
  function writeGroup(controls, value) {
    var first = controls[0];
    if (first.type === "radio") {
      controls.forEach(function (el) {
        el.checked = value === null ? el.defaultChecked : el.value === value;
      });
    } else if (first.type === "checkbox") {
      first.checked = value === null ? first.defaultChecked : value !== "" && value !== "false";
    } else {
      first.value = value === null ? first.defaultValue : value;
      if (first.tagName === "TEXTAREA") grow(first);
    }
  }

  function remember(slug, name, value) {
    if (!store) return false;
    try {
      if (value === null) store.removeItem(keyFor(slug, name));
      else store.setItem(keyFor(slug, name), value);
      return true;
    } catch (e) {
      return false; /* storage full or blocked */
    }
  }

  function recall(slug, name) {
    if (!store) return null;
    try {
      return store.getItem(keyFor(slug, name));
    } catch (e) {
      return null;
    }
  }

  /* Remove every answer kept for one module of one pack, including any left over
     from questions that have since been taken out of the page. */
  function forget(slug, module) {
    if (!store || !module) return;
    var prefix = keyFor(slug, module + ".");
    var doomed = [];
    try {
      for (var i = 0; i < store.length; i += 1) {
        var key = store.key(i);
        if (key && key.indexOf(prefix) === 0) doomed.push(key);
      }
      doomed.forEach(function (key) { store.removeItem(key); });
    } catch (e) {
      /* storage blocked: nothing to forget */
    }
  }

  /* ------------------------------------------------------------------- page */

  /* Tell other scripts on the page (run charts) that answers were put back or cleared. */
  function changed() {
    document.dispatchEvent(new CustomEvent("tippack:answers-changed"));
  }

  function say(message) {
    var box = panel();
    var status = box && box.querySelector(".tp-answers__status");
    if (!status) return;
    /* Clear first so that the same message twice is announced twice. */
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* Text boxes grow with what is typed, so nothing is hidden on screen or on paper. */
  function grow(el) {
    if (!el || el.tagName !== "TEXTAREA" || !el.isConnected) return;
    el.style.height = "";
    if (el.scrollHeight > el.clientHeight) {
      var border = el.offsetHeight - el.clientHeight;
      el.style.height = el.scrollHeight + border + "px";
    }
  }

  /* Only boxes with something in them (or grown before) need measuring: each measure
     costs a layout, and a long worksheet has hundreds of boxes. */
  function growAll() {
    document.querySelectorAll("textarea" + FIELD).forEach(function (el) {
      if (el.value || el.style.height) grow(el);
    });
  }

  var announcedSaving = false;

  function setUp() {
    var box = panel();
    announcedSaving = false;
    if (!box) return;
    var tools = box.querySelector(".tp-answers__tools");
    if (tools) tools.hidden = false;
    var slug = box.getAttribute("data-tp-pack");
    var restored = 0;
    groups().forEach(function (controls, name) {
      var value = recall(slug, name);
      if (value !== null) {
        writeGroup(controls, value);
        restored += 1;
      }
    });
    growAll();
    if (!store) {
      say("This browser is not letting the page keep answers. Save them to a file before you leave the page.");
    } else if (restored) {
      say(plural(restored, "answer", "answers") + " from this browser filled in again.");
    }
    changed();
  }

  function onEdit(event) {
    var el = event.target;
    if (!el || !el.matches || !el.matches(FIELD) || !el.name) return;
    var box = panel();
    if (!box) return;
    if (el.tagName === "TEXTAREA") grow(el);
    var slug = box.getAttribute("data-tp-pack");
    var controls = groups().get(el.name) || [el];
    var ok = remember(slug, el.name, readGroup(controls));
    if (!ok && store) {
      say("This answer could not be kept in the browser (it may be full). Save your answers to a file.");
    } else if (ok && !announcedSaving) {
      announcedSaving = true;
      say("Your answers are being kept in this browser, on this device.");
    }
  }

  /* ---------------------------------------------------------------- actions */

  function currentAnswers() {
    var answers = {};
    groups().forEach(function (controls, name) {
      var value = readGroup(controls);
      if (value !== null) answers[name] = value;
    });
    return answers;
  }

  function clearPage() {
    var box = panel();
    if (!box) return;
    var ok = window.confirm(
      "Clear all the answers on this page?\n\nThis removes them from this browser. It cannot be undone."
    );
    if (!ok) return;
    var slug = box.getAttribute("data-tp-pack");
    groups().forEach(function (controls, name) {
      remember(slug, name, null);
      writeGroup(controls, null);
    });
    forget(slug, box.getAttribute("data-tp-module"));
    growAll();
    say("The answers on this page have been cleared from this browser.");
    changed();
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function saveFile() {
    var box = panel();
    if (!box) return;
    var slug = box.getAttribute("data-tp-pack");
    var module = box.getAttribute("data-tp-module");
    var answers = currentAnswers();
    var count = Object.keys(answers).length;
    if (!count) {
      say("There are no answers on this page to save yet.");
      return;
    }
    var data = {
      tippack: FORMAT,
      pack: slug,
      module: module,
      home: box.getAttribute("data-tp-home") || "",
      saved: new Date().toISOString(),
      answers: answers
    };
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = slug + "-" + module + "-answers-" + today() + ".json";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say("Saved " + plural(count, "answer", "answers") + " to the file " + link.download +
        " (look in your downloads).");
  }

  /* Check a parsed file; return an error message, or "" when it can be loaded. */
  function problemWith(data, module) {
    if (!data || typeof data !== "object" || Array.isArray(data) || data.tippack === undefined) {
      return "This is not an answers file saved from this pack.";
    }
    if (data.tippack !== FORMAT) {
      return "This answers file was saved by a different version of the pack and cannot be read.";
    }
    if (!data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      return "This answers file has no answers in it.";
    }
    if (data.module !== module) {
      return "This file holds answers for another part of the pack (" + String(data.module) +
             "), not for this page. Open that page and load it there.";
    }
    var bad = Object.keys(data.answers).filter(function (k) {
      var v = data.answers[k];
      return typeof v !== "string" && typeof v !== "boolean";
    });
    if (bad.length) return "This answers file is damaged: some answers are not text.";
    return "";
  }

  function loadData(data, fileName) {
    var box = panel();
    if (!box) return;
    var slug = box.getAttribute("data-tp-pack");
    var module = box.getAttribute("data-tp-module");
    var problem = problemWith(data, module);
    if (problem) {
      say(problem);
      return;
    }
    var here = groups();
    var existing = Object.keys(currentAnswers()).length;
    if (existing && !window.confirm(
      "Replace the answers on this page with the ones in " + fileName + "?\n\n" +
      "The answers on this page now will be cleared first.")) {
      say("Nothing was loaded.");
      return;
    }
    here.forEach(function (controls, name) {
      remember(slug, name, null);
      writeGroup(controls, null);
    });
    forget(slug, module);
    var loaded = 0;
    var skipped = 0;
    Object.keys(data.answers).forEach(function (name) {
      var controls = here.get(name);
      var value = data.answers[name];
      if (typeof value === "boolean") value = value ? "true" : null;
      if (!controls || value === null) {
        skipped += controls ? 0 : 1;
        return;
      }
      if (controls[0].type === "checkbox" && value === "true") value = controls[0].value;
      writeGroup(controls, value);
      var now = readGroup(controls);
      if (now === null) {
        skipped += 1;
        return;
      }
      remember(slug, name, now);
      loaded += 1;
    });
    growAll();
    var message = "Loaded " + plural(loaded, "answer", "answers") + " from " + fileName + ".";
    if (data.pack !== slug) message += " The file came from another home's pack.";
    if (skipped) {
      message += " " + plural(skipped, "answer", "answers") +
                 " did not match anything on this page and " + (skipped === 1 ? "was" : "were") +
                 " left out.";
    }
    say(message);
    changed();
  }

  function loadFile(input) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      say("That file is too big to be an answers file.");
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result));
      } catch (e) {
        say("That file could not be read: it is not an answers file saved from this pack.");
        return;
      }
      loadData(data, file.name);
    };
    reader.onerror = function () {
      say("That file could not be read.");
    };
    reader.readAsText(file);
  }

  function printPage() {
    growAll();
    window.print();
  }

  function onClick(event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("[data-tp-action]") : null;
    if (!button || !button.closest(".tp-answers")) return;
    var action = button.getAttribute("data-tp-action");
    if (action === "print") printPage();
    else if (action === "save") saveFile();
    else if (action === "clear") clearPage();
    else if (action === "load") {
      var input = panel().querySelector("[data-tp-file]");
      if (input) input.click();
    }
  }

  function onFileChange(event) {
    var el = event.target;
    if (el && el.matches && el.matches("[data-tp-file]")) loadFile(el);
  }

  /* ------------------------------------------------------------------ start */

  /* Listeners are added once, on the document, so instant navigation never doubles them. */
  document.addEventListener("input", onEdit);
  document.addEventListener("change", function (event) {
    onFileChange(event);
    onEdit(event);
  });
  document.addEventListener("click", onClick);
  window.addEventListener("beforeprint", growAll);
  /* The same page open in another tab or window of this browser: show its changes here
     too, so that neither copy overwrites the other with older answers. */
  window.addEventListener("storage", function (event) {
    var box = panel();
    if (!box || !event.key) return;
    var prefix = keyFor(box.getAttribute("data-tp-pack"), "");
    if (event.key.indexOf(prefix) !== 0) return;
    var controls = groups().get(event.key.slice(prefix.length));
    if (controls) writeGroup(controls, event.newValue);
    changed();
  });
  var resizing = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(growAll, 200);
  });

  if (typeof window.document$ !== "undefined" && window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }

})();

/*
 * JobSuggest widgets: <bob-job-suggest> and <bob-city-suggest>.
 *
 * Dependency-free custom elements that turn the text input they wrap into an
 * accessible combobox (WAI-ARIA 1.2 combobox pattern, list autocomplete).
 * Progressive enhancement: without JavaScript the plain input is submitted as
 * typed; with it, the chosen suggestion's code also goes into a hidden input
 * named after the element's `name` attribute.
 *
 * Attributes: api (suggest endpoint URL), name (hidden input for the code),
 * limit (default 8), gender (masculine|feminine, jobs only), min-chars (default 1).
 *
 * Keyboard users are often faster than the suggestions: the list a person moves
 * in never changes under their highlight (moving cancels an answer still to
 * come), a list they closed stays closed, and the arrow then Enter pressed
 * before the first answer choose its first (or last) option when it arrives.
 * While an answer for the text typed is awaited, the listbox has aria-busy=true.
 */
(function () {
  "use strict";

  var counter = 0;

  function announce(count) {
    if (count === 0) return "Aucune suggestion";
    if (count === 1) return "1 suggestion disponible, utilisez les flèches haut et bas pour la parcourir";
    return count + " suggestions disponibles, utilisez les flèches haut et bas pour les parcourir";
  }

  // Text with <mark> around the matched character ranges, built as DOM nodes (no innerHTML).
  function highlighted(text, spans) {
    var fragment = document.createDocumentFragment();
    var position = 0;
    (spans || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      var start = Math.max(span[0], position), end = Math.min(span[1], text.length);
      if (end <= start) return;
      if (start > position) fragment.appendChild(document.createTextNode(text.slice(position, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      fragment.appendChild(mark);
      position = end;
    });
    if (position < text.length) fragment.appendChild(document.createTextNode(text.slice(position)));
    return fragment;
  }

  class BobSuggest extends HTMLElement {
    connectedCallback() {
      if (this._ready) return;
      this._ready = true;
      var id = "bob-suggest-" + (++counter);
      this.classList.add("bob-suggest");
      this.input = this.querySelector("input:not([type=hidden])");
      if (!this.input) {
        this.input = document.createElement("input");
        this.input.type = "text";
        this.input.className = "fr-input";
        this.appendChild(this.input);
      }
      if (!this.input.id) this.input.id = id + "-input";
      this.codeInput = document.createElement("input");
      this.codeInput.type = "hidden";
      this.codeInput.name = this.getAttribute("name") || this.defaultName;
      this.appendChild(this.codeInput);
      this.listbox = document.createElement("ul");
      this.listbox.id = id + "-listbox";
      this.listbox.setAttribute("role", "listbox");
      this.listbox.className = "bob-suggest__listbox";
      this.listbox.hidden = true;
      var label = document.querySelector("label[for='" + this.input.id + "']");
      if (label) {
        if (!label.id) label.id = id + "-label";
        this.listbox.setAttribute("aria-labelledby", label.id);
      }
      this.appendChild(this.listbox);
      this.status = document.createElement("div");
      this.status.className = "bob-suggest__status";
      this.status.setAttribute("role", "status");
      this.status.setAttribute("aria-live", "polite");
      this.status.setAttribute("aria-atomic", "true");
      this.appendChild(this.status);

      var input = this.input;
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", this.listbox.id);
      input.setAttribute("autocomplete", "off");
      input.setAttribute("spellcheck", "false");
      this.items = [];
      this.active = -1;
      this.timer = 0;
      this.controller = null;
      this.pending = false;  // an answer for the text typed is awaited (debounce or request)
      this.queuedStep = 0;  // an arrow pressed while that answer was awaited and no list was shown
      this.queuedEnter = false;  // then Enter: choose the highlighted option when the answer comes
      input.addEventListener("input", this.onInput.bind(this));
      input.addEventListener("keydown", this.onKeyDown.bind(this));
      input.addEventListener("blur", this.close.bind(this));
      this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
      this.listbox.addEventListener("click", this.onClick.bind(this));
    }

    onInput() {
      this.codeInput.value = "";  // the text no longer is the chosen suggestion
      this.queuedStep = 0;
      this.queuedEnter = false;
      window.clearTimeout(this.timer);
      var query = this.input.value.trim();
      if (query.length < Number(this.getAttribute("min-chars") || 1)) {
        this.cancelPending();
        this.render([]);
        return;
      }
      this.pending = true;
      this.listbox.setAttribute("aria-busy", "true");
      this.timer = window.setTimeout(this.fetch.bind(this, query), 120);
    }

    // Forgets the answer awaited, if any: a late answer must never replace what the person sees.
    cancelPending() {
      window.clearTimeout(this.timer);
      this.timer = 0;
      if (this.controller) this.controller.abort();
      this.controller = null;
      this.pending = false;
      this.queuedStep = 0;
      this.queuedEnter = false;
      this.listbox.removeAttribute("aria-busy");
    }

    // An answer that comes while the person has typed on (the timer runs again) is shown, but the
    // answer for the text typed is still awaited.
    fetch(query) {
      this.timer = 0;
      if (this.controller) this.controller.abort();  // a stale answer must never overwrite a newer one
      var controller = this.controller = new AbortController();
      var url = new URL(this.getAttribute("api") || this.defaultApi, window.location.href);
      url.searchParams.set("q", query);
      url.searchParams.set("limit", this.getAttribute("limit") || "8");
      var gender = this.getAttribute("gender");
      if (gender) url.searchParams.set("gender", gender);
      var self = this;
      window.fetch(url.toString(), { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) { if (!controller.signal.aborted) self.render(items, self.timer !== 0); })
        .catch(function () { if (!controller.signal.aborted) self.render([], self.timer !== 0); });
    }

    render(items, interim) {
      if (!interim) {
        this.pending = false;
        this.controller = null;
        this.listbox.removeAttribute("aria-busy");
      }
      this.items = items;
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      this.listbox.textContent = "";
      var self = this;
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = self.listbox.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(index);
        self.renderOption(option, item);
        self.listbox.appendChild(option);
      });
      var open = items.length > 0;
      this.listbox.hidden = !open;
      this.input.setAttribute("aria-expanded", String(open));
      if (this.input.value.trim()) this.status.textContent = announce(items.length);
      else this.status.textContent = "";
      if (interim) return;
      var step = this.queuedStep, enter = this.queuedEnter;
      this.queuedStep = 0;
      this.queuedEnter = false;
      if (step && open) {
        this.setActive(step > 0 ? 0 : items.length - 1);
        if (enter) this.choose(this.active);
      }
    }

    move(step) {
      if (!this.items.length) return;
      var next = this.active + step;
      if (next < 0) next = this.items.length - 1;
      if (next >= this.items.length) next = 0;
      this.setActive(next);
    }

    setActive(index) {
      var options = this.listbox.children;
      if (this.active >= 0 && options[this.active]) options[this.active].setAttribute("aria-selected", "false");
      this.active = index;
      var option = options[index];
      option.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    choose(index) {
      var item = this.items[index];
      if (!item) return;
      this.input.value = this.labelOf(item);
      this.codeInput.value = this.codeOf(item);
      this.close();
      this.status.textContent = this.labelOf(item) + " sélectionné";
      this.dispatchEvent(new CustomEvent("bob-suggest-select", { detail: item, bubbles: true }));
    }

    close() {
      this.cancelPending();  // a list closed (chosen, Escape, focus gone) is not reopened by a late answer
      this.listbox.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.input.removeAttribute("aria-activedescendant");
      this.active = -1;
    }

    onKeyDown(event) {
      var open = !this.listbox.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        if (open) {
          this.cancelPending();  // the person chooses among the options shown: keep them
          this.move(step);
        } else if (this.pending) {
          this.queuedStep = step;  // no list yet: highlight when the answer comes
        } else if (this.items.length) {
          this.listbox.hidden = false;
          this.input.setAttribute("aria-expanded", "true");
          this.move(step);
        }
      } else if (event.key === "Enter") {
        if (open && this.active >= 0) {
          event.preventDefault();  // choose, do not submit yet
          this.choose(this.active);
        } else if (this.queuedStep && !this.queuedEnter) {
          event.preventDefault();  // an arrow then Enter before the answer: choose when it comes
          this.queuedEnter = true;  // (Enter again submits the text, should the answer never come)
        }
      } else if (event.key === "Escape") {
        if (open || this.pending) {
          event.preventDefault();
          this.close();
        } else {
          this.input.value = "";
          this.codeInput.value = "";
        }
      }
    }

    // An option: the label with the typed parts highlighted, then a detail line.
    renderOption(option, item) {
      option.appendChild(highlighted(this.labelOf(item), item.spans));
      var detail = document.createElement("span");
      detail.className = "bob-suggest__detail";
      detail.textContent = this.detailOf(item);
      option.appendChild(detail);
    }

    onClick(event) {
      var option = event.target.closest("[role=option]");
      if (option) this.choose(Number(option.dataset.index));
    }
  }

  class BobJobSuggest extends BobSuggest {
    get defaultName() { return "code_ogr"; }
    get defaultApi() { return "/api/v1/jobs/suggest"; }
    labelOf(item) { return item.title; }
    codeOf(item) { return item.code_ogr; }
    detailOf(item) { return item.job_group; }
  }

  class BobCitySuggest extends BobSuggest {
    get defaultName() { return "code_insee"; }
    get defaultApi() { return "/api/v1/cities/suggest"; }
    labelOf(item) { return item.name; }
    codeOf(item) { return item.code; }
    detailOf(item) {
      // "code INSEE 13013": why a commune whose name does not match is listed.
      return (item.postcodes[0] || item.departement) +
        (item.postcodes.length > 1 ? " (" + item.postcodes.length + " codes postaux)" : "") +
        (item.note ? " · " + item.note : "");
    }
  }

  if (!customElements.get("bob-job-suggest")) customElements.define("bob-job-suggest", BobJobSuggest);
  if (!customElements.get("bob-city-suggest")) customElements.define("bob-city-suggest", BobCitySuggest);
})();

// Record pickers (taawun/records/pickers.py): every <select data-picker> becomes a Tom Select.
// "search": the page holds only the records already chosen; typing asks the record type's
// choices address, which answers with the records the user may see. "list": a short list
// (partners) filtered as typed. A multiple choice shows its records as removable chips.
// What is posted is the plain <select>'s value, checked again by the server.
// A select marked data-picker-keep-empty offers its empty choice as an answer of its own (the
// review desk's "New person", "New agency"), and the records it already lists (the desk's
// proposals) stay offered above those the search finds.
(function () {
  "use strict";

  function searchSettings(select) {
    const url = select.dataset.pickerUrl;
    return {
      valueField: "value",
      labelField: "text",
      searchField: [],
      // The server decides what matches (Arabic spelling variants included): keep its order.
      score: () => () => 1,
      shouldLoad: (query) => query.trim().length >= 2,
      load: (query, callback) => {
        const params = new URLSearchParams({ q: query.trim() });
        fetch(`${url}?${params}`, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then((data) => callback(data.results.map((r) => ({ value: r.id, text: r.label }))))
          .catch(() => callback());
      },
    };
  }

  function escape(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function attach(select) {
    if (select.tomselect) return;
    const searched = select.dataset.picker === "search";
    const keepEmpty = select.dataset.pickerKeepEmpty === "true";
    const settings = Object.assign(
      {
        plugins: select.multiple
          ? { remove_button: { title: select.dataset.pickerRemove } }
          : select.required || keepEmpty
            ? []
            : { clear_button: { title: select.dataset.pickerRemove } },
        maxOptions: 50,
        // The empty choice ("---------") is the placeholder, never a result; clearing a choice
        // that may stay empty is the clear button's.
        allowEmptyOption: keepEmpty,
        placeholder: select.dataset.pickerPlaceholder,
        hidePlaceholder: false,
        closeAfterSelect: !select.multiple,
        loadThrottle: 250,
        render: {
          no_results: (data) =>
            `<div class="no-results">${escape(
              searched && data.input.trim().length < 2 ? select.dataset.pickerShort : select.dataset.pickerEmpty,
            )}</div>`,
          // Names in either script read in their own direction inside the other's page.
          option: (data, esc) => `<div dir="auto">${esc(data.text)}</div>`,
          item: (data, esc) => `<div dir="auto">${esc(data.text)}</div>`,
        },
      },
      searched ? searchSettings(select) : {},
    );
    // eslint-disable-next-line no-undef
    const picker = new TomSelect(select, settings);
    // Options are offered in the order they came ($order): those the page lists (the desk's
    // proposals, "New person") before those a search finds. Tom Select numbers the options it
    // adds from 1 again, as it numbered the page's, and a tie put found records first.
    picker.order = Object.keys(picker.options).length;
    // The clear button is for the mouse: from the keyboard, Backspace clears the field, and a
    // tab stop on an empty field's × would only lengthen the way through the form.
    picker.wrapper.querySelectorAll(".clear-button").forEach((button) => button.setAttribute("tabindex", "-1"));
    // The picker's own field carries the label now; the <select> only holds what is posted.
    select.setAttribute("aria-hidden", "true");
    // What the page says of the field (the review desk: how sure the engine was, and why) goes
    // with it: on hover, and to the keyboard and screen reader through the field typed into.
    if (select.title) picker.wrapper.title = select.title;
    const described = select.getAttribute("aria-describedby");
    if (described) picker.control_input.setAttribute("aria-describedby", described);
  }

  function attachAll(root) {
    root.querySelectorAll("select[data-picker]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", () => attachAll(document));
  // Rows added to a formset and fragments swapped in by htmx carry pickers too.
  document.addEventListener("htmx:load", (event) => attachAll(event.target));
  document.addEventListener("taawun:rows-added", (event) => attachAll(event.target));
})();

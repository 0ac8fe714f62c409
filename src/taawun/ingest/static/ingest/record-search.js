// The type-ahead of the review screen and the merge page: beside each "...-match" choice, a search
// over the records (people, agencies) the officer may see (the server answers only with those). One picked is
// added to the row's choices and selected; the server checks the choice again when it is posted.
(function () {
  "use strict";
  const form = document.querySelector("form[data-record-search]");
  if (!form) return;
  const url = form.dataset.recordSearch;
  const label = form.dataset.recordSearchLabel;

  function attach(select) {
    const row = select.name.replace(/-match$/, "");
    const input = document.createElement("input");
    const list = document.createElement("datalist");
    input.type = "search";
    input.className = "person-search";
    input.placeholder = label;
    input.setAttribute("aria-label", label);
    input.setAttribute("autocomplete", "off");
    list.id = select.id + "-found";
    input.setAttribute("list", list.id);
    select.after(input, list);

    function pick(option) {
      let existing = Array.from(select.options).find((o) => o.value === option.dataset.id);
      if (!existing) {
        existing = new Option(option.value, option.dataset.id);
        select.add(existing);
      }
      select.value = option.dataset.id;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = "";
    }

    let timer = null;
    let asked = 0;
    input.addEventListener("input", () => {
      const chosen = Array.from(list.options).find((o) => o.value === input.value);
      if (chosen) {
        pick(chosen);
        return;
      }
      window.clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < 2) return;
      timer = window.setTimeout(async () => {
        const params = new URLSearchParams({ q: query });
        const party = form.querySelector(`[name="${row}-party"]`);
        if (party && party.value) params.set("party", party.value);
        const ask = ++asked;
        const response = await fetch(`${url}?${params}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok || ask !== asked) return;
        const data = await response.json();
        list.replaceChildren(
          ...data.results.map((result) => {
            const option = document.createElement("option");
            option.value = result.label;
            option.dataset.id = String(result.id);
            return option;
          }),
        );
      }, 250);
    });
  }

  form.querySelectorAll("select[name$='-match']").forEach(attach);
})();

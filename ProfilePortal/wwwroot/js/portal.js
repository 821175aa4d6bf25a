// Preference cookies for the language and the theme. Set from the browser on purpose: the design allows no
// extra HTTP endpoints, and the server only reads these cookies when it renders the next page.
(() => {
  const oneYear = 60 * 60 * 24 * 365;

  function setPreferenceCookie(name, value) {
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${oneYear}; samesite=lax${secure}`;
  }

  // Moves the keyboard focus to the first element that matches, e.g. the first field a save refused.
  function focusFirst(selector) {
    const element = document.querySelector(selector);
    if (element instanceof HTMLElement) {
      element.focus();
    }
  }

  window.portal = { setPreferenceCookie, focusFirst };

  // The static (non-interactive) account pages render plain buttons carrying the cookie to set. Delegated,
  // so it also works after Blazor's enhanced navigation swapped the page content.
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-preference-cookie]") : null;
    if (!button) {
      return;
    }
    setPreferenceCookie(button.dataset.preferenceCookie, button.dataset.preferenceValue);
    location.reload();
  });
})();

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

  // ---- Modal dialogs: a native <dialog> the server renders and shows here (the profile edit drawer) ----------
  // showModal makes the page behind inert, keeps the focus inside, turns Escape into the dialog's "cancel" event and,
  // on close, gives the focus back to the element that had it. The server removes the dialog after it closed.
  function showModal(dialog) {
    if (dialog instanceof HTMLDialogElement && dialog.isConnected && !dialog.open) {
      dialog.showModal();
    }
  }

  function closeDialog(dialog) {
    if (dialog instanceof HTMLDialogElement && dialog.open) {
      dialog.close();
    }
  }

  // As Escape does: a "cancel" event the page listens to, then the dialog closes (unless the page prevented it).
  function requestClose(dialog) {
    if (typeof dialog.requestClose === "function") {
      dialog.requestClose();
    } else if (dialog.dispatchEvent(new Event("cancel", { cancelable: true }))) {
      dialog.close();
    }
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    // A close or cancel button: the dialog closes at once, and the focus goes back before the page removes it.
    const closer = target.closest("dialog[open] [data-portal-dialog-close]");
    if (closer) {
      closeDialog(closer.closest("dialog"));
      return;
    }
    // A click on the backdrop reaches the dialog itself, outside its box.
    if (target instanceof HTMLDialogElement && target.open && target.hasAttribute("data-portal-light-dismiss")) {
      const box = target.getBoundingClientRect();
      const outside = event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
      if (outside) {
        requestClose(target);
      }
    }
  });

  window.portal = { setPreferenceCookie, focusFirst, showModal, closeDialog };

  const prefersDark = () => matchMedia("(prefers-color-scheme: dark)").matches;

  // The static pages (account pages, pages excluded from interactive routing) render plain buttons carrying the
  // cookie to set. The theme toggle of a visitor who follows the device carries no value: it picks the palette
  // the device does not show. Delegated, so it also works after Blazor's enhanced navigation swapped the page.
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-preference-cookie]") : null;
    if (!button) {
      return;
    }
    const value = button.dataset.preferenceValue ?? (prefersDark() ? "light" : "dark");
    setPreferenceCookie(button.dataset.preferenceCookie, value);
    location.reload();
  });

  // ---- The shell's navigation drawer on static pages ----------------------------------------------------------
  // The layout writes MudDrawer's markup (responsive, breakpoint Md, clipped); this toggles the classes MudDrawer
  // toggles. "--initial" is the server's state: open on wide screens, hidden by MudBlazor's CSS on narrow ones.
  const wideQuery = matchMedia("(min-width: 960px)");
  const wideScreen = () => wideQuery.matches;

  function drawerParts() {
    const layout = document.querySelector("[data-portal-drawer-layout]");
    return layout
      ? {
          layout,
          drawer: layout.querySelector("[data-portal-drawer]"),
          overlay: layout.querySelector("[data-portal-drawer-overlay]"),
          toggle: layout.querySelector("[data-portal-drawer-toggle]"),
        }
      : null;
  }

  function drawerIsOpen(parts) {
    const open = parts.drawer.classList.contains("mud-drawer--open");
    return parts.drawer.classList.contains("mud-drawer--initial") ? open && wideScreen() : open;
  }

  function setDrawer(parts, open) {
    parts.drawer.classList.remove("mud-drawer--initial");
    parts.drawer.classList.toggle("mud-drawer--open", open);
    parts.drawer.classList.toggle("mud-drawer--closed", !open);
    parts.layout.classList.toggle("mud-drawer-open-responsive-md-left", open);
    parts.layout.classList.toggle("mud-drawer-close-responsive-md-left", !open);
    // MudBlazor's CSS shows the overlay only below the breakpoint, where the drawer covers the page.
    parts.overlay.classList.toggle("mud-drawer-overlay--open", open);
    parts.toggle?.setAttribute("aria-expanded", String(open));
  }

  function syncDrawerToggle() {
    const parts = drawerParts();
    parts?.toggle?.setAttribute("aria-expanded", String(drawerIsOpen(parts)));
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const parts = target ? drawerParts() : null;
    if (!parts) {
      return;
    }
    if (target.closest("[data-portal-drawer-toggle]")) {
      setDrawer(parts, !drawerIsOpen(parts));
    } else if (target.closest("[data-portal-drawer-overlay]")) {
      setDrawer(parts, false);
    } else if (target.closest("[data-portal-drawer] a") && !wideScreen()) {
      // As MudDrawer after a navigation: a drawer covering the page closes.
      setDrawer(parts, false);
    }
  });

  wideQuery.addEventListener("change", syncDrawerToggle);

  // ---- Dropdowns on static pages: <details data-portal-dropdown> ---------------------------------------------
  // The native element opens and closes with a click, Enter or Space; this adds what a menu does: closing on a
  // click outside and on Escape (which returns the focus to the toggle).
  function closeDropdowns(except) {
    for (const details of document.querySelectorAll("details[data-portal-dropdown][open]")) {
      if (details !== except) {
        details.open = false;
      }
    }
  }

  document.addEventListener("click", (event) => {
    const inside = event.target instanceof Element ? event.target.closest("details[data-portal-dropdown]") : null;
    closeDropdowns(inside);
  });

  document.addEventListener("keydown", (event) => {
    // Escape in a modal dialog is the dialog's: it cancels the dialog, not the page's menus.
    if (event.key !== "Escape" || (event.target instanceof Element && event.target.closest("dialog[open]"))) {
      return;
    }
    const open = event.target instanceof Element ? event.target.closest("details[data-portal-dropdown][open]") : null;
    closeDropdowns(null);
    open?.querySelector("summary")?.focus();
    const parts = drawerParts();
    if (parts && !wideScreen() && drawerIsOpen(parts)) {
      setDrawer(parts, false);
    }
  });

  syncDrawerToggle();
  // Enhanced navigation between static pages replaces the shell's markup with the server's.
  window.Blazor?.addEventListener?.("enhancedload", syncDrawerToggle);
})();

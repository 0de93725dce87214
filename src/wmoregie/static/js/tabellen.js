// Wide tables scroll inside their own box instead of being cut off (#15.14, WCAG 1.4.10 reflow).
// Every table.tabel gets a wrapper .tabelvak; when the table is wider than the box, the box is a
// labelled region that takes keyboard focus (tabindex 0), so arrow keys scroll it. Without this
// script the page content itself still scrolls (.inhoud { overflow-x: auto }).
(function () {
  "use strict";

  function naam(tabel) {
    var bijschrift = tabel.querySelector("caption");
    var tekst = bijschrift ? bijschrift.textContent.trim() : "";
    return (tekst || "Tabel") + " (horizontaal te scrollen)";
  }

  function pasAan(vak) {
    var tabel = vak.querySelector("table");
    if (vak.scrollWidth > vak.clientWidth + 1) {
      vak.setAttribute("tabindex", "0");
      vak.setAttribute("role", "region");
      vak.setAttribute("aria-label", naam(tabel));
    } else {
      vak.removeAttribute("tabindex");
      vak.removeAttribute("role");
      vak.removeAttribute("aria-label");
    }
  }

  function verpak(wortel) {
    var tabellen = (wortel || document).querySelectorAll("table.tabel");
    Array.prototype.forEach.call(tabellen, function (tabel) {
      var ouder = tabel.parentElement;
      if (!ouder || ouder.classList.contains("tabelvak")) {
        return;
      }
      var vak = document.createElement("div");
      vak.className = "tabelvak";
      ouder.insertBefore(vak, tabel);
      vak.appendChild(tabel);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".tabelvak"), pasAan);
  }

  document.addEventListener("DOMContentLoaded", function () { verpak(document); });
  document.addEventListener("htmx:load", function (e) { verpak(e.target); });
  var wacht;
  window.addEventListener("resize", function () {
    clearTimeout(wacht);
    wacht = setTimeout(function () { verpak(document); }, 150);
  });
})();

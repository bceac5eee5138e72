// Sets every formula the page marks with class "math" with KaTeX. A formula that KaTeX cannot parse
// shows its source in red (class "katex-error") instead of stopping the rest of the page; the site
// build rejects such formulas before a reader sees one.
document.querySelectorAll(".math").forEach(function (formula) {
  katex.render(formula.textContent, formula, {
    displayMode: formula.classList.contains("display"),
    throwOnError: false
  });
});

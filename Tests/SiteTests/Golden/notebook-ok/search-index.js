// The search index of this site, written by calcbook build; read by assets/search.js.
window.calcbookSearchIndex = [{"sections":[{"anchor":"jacobian","heading":"Jacobian","text":"let x, y: Scalar jacobian(of: [3 * x^2 * y, 2 * x + y^8], wrt: [x, y]) [[6xy, 3x²], [2, 8y⁷]] Escaping is kept: x and <script>alert(1)</script>."}],"title":"Jacobian","url":"index.html"}];

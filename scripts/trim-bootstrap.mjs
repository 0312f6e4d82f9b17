// `make css`: static/vendor/bootstrap/bootstrap.trimmed.css, the rules of Bootstrap's full build
// that the public pages use (PurgeCSS over our templates, Python and scripts, and over the
// crispy-forms packages whose directories are given as arguments). The output is committed;
// tests/test_page_weight.py fails when a template starts using a class the trimmed build lacks.
import { readFile, writeFile } from "node:fs/promises";
import { PurgeCSS } from "purgecss";

const source = "static/vendor/bootstrap/bootstrap.min.css";
const output = "static/vendor/bootstrap/bootstrap.trimmed.css";
const packages = process.argv.slice(2);
const content = [
  "templates/**/*.html",
  "static/js/**/*.js",
  "{klmeetings,meetings,registrations,agendas}/**/*.py",
  ...packages.flatMap((dir) => [`${dir}/**/*.html`, `${dir}/**/*.py`]),
];
const [result] = await new PurgeCSS().purge({
  content,
  css: [source],
  keyframes: true,
  variables: true,
  // Classes a template builds from a value: alert-{{ message.tags }} in templates/base.html.
  safelist: { standard: [/^alert-(success|info|warning|danger)$/] },
});
// Keep Bootstrap's licence banner, which the minified source opens with.
const banner = (await readFile(source, "utf8")).match(/\/\*![\s\S]*?\*\//)[0];
const css = result.css.includes(banner) ? result.css : `${banner}\n${result.css}`;
await writeFile(output, css.endsWith("\n") ? css : `${css}\n`);
console.log(`${output}: ${css.length} bytes`);

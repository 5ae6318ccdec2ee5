import { strict as assert } from "assert";
import { caloriesTable, irisTable } from "../data/tabular";
import { escapeHtml } from "./format";
import { table } from "./table";

describe("table", () => {
  it("shows a DataFrame as an HTML table plus aligned text", () => {
    const t = table(caloriesTable());
    const bundle = t._repr_mimebundle_();
    assert.deepEqual(Object.keys(bundle.data).sort(), ["text/html", "text/plain"]);
    const html = bundle.data["text/html"] as string;
    assert.match(html, /^<table class="dataframe">/);
    assert.match(html, /<thead><tr><th><\/th><th>Apples<\/th><th>Beef<\/th><th>Eggs<\/th><th>Potatoes<\/th><\/tr><\/thead>/);
    assert.match(html, /<tr><th>Carb<\/th><td>56<\/td><td>0<\/td><td>4.4<\/td><td>68<\/td><\/tr>/);
    assert.equal(
      bundle.data["text/plain"],
      ["         Apples  Beef  Eggs  Potatoes", "Carb         56     0   4.4        68", "Protein     1.2   104    52         8", "Fat         1.8   135    99       0.9"].join("\n"),
    );
  });

  it("escapes HTML in names and values", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const dfd = require("danfojs-node");
    const df = new dfd.DataFrame({ "<b>name</b>": ["<script>alert(1)</script>", "a & b"] });
    const html = table(df).toHtml();
    assert.ok(!html.includes("<script>") && !html.includes("<b>"));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /a &amp; b/);
    assert.equal(escapeHtml(`"'`), "&quot;&#39;");
  });

  it("shortens long tables to their first and last rows, saying how big they are", () => {
    const t = table(irisTable(), { maxRows: 6, caption: "Iris petals" });
    const html = t.toHtml();
    assert.equal((html.match(/<tr><th>[^<]/g) ?? []).length, 7, "6 rows + the gap row");
    assert.match(html, /<caption>Iris petals<\/caption>/);
    assert.match(html, /<tr><th>99<\/th>/);
    assert.match(html, /<p>100 rows × 4 columns<\/p>/);
    const text = String(t).split("\n");
    assert.equal(text[0], "Iris petals");
    assert.equal(text.at(-1), "[100 rows × 4 columns]");
    assert.equal(text.length, 1 + 1 + 7 + 1);
  });

  it("shows a Series, and rejects other values", () => {
    const s = caloriesTable().sum({ axis: 0 });
    const t = table(s);
    assert.deepEqual(t.shape, [4, 1]);
    assert.match(t.toHtml(), /<tr><th>Beef<\/th><td>239<\/td><\/tr>/);
    assert.throws(() => table({} as never), /table: expected a danfo DataFrame or Series/);
  });
});

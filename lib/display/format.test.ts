import { strict as assert } from "assert";
import { escapeHtml, formatMs } from "./format";

describe("formatMs", () => {
  it("picks the unit after rounding to 3 digits, never an exponent", () => {
    assert.deepEqual([999.7, 0.99996, 1.5, 0.0123, 1234, 480.2, 0].map(formatMs), ["1.00 s", "1.00 ms", "1.50 ms", "12.3 µs", "1.23 s", "480 ms", "0.00 ms"]);
    // the timing chart's old formatter printed "1.00e+3 µs" here
    assert.equal(formatMs(0.9999), "1.00 ms");
    assert.equal(formatMs(0.99949), "999 µs");
    assert.equal(formatMs(2_000_000), "2000 s");
    for (const ms of [1e-4, 0.9995, 999.5, 1e6, 123456789]) assert.doesNotMatch(formatMs(ms), /e[+-]/, String(ms));
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in elements and quoted attributes", () => {
    assert.equal(escapeHtml(`<a href="x">Tom & Jerry's</a>`), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  });
});

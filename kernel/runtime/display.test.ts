import { strict as assert } from "assert";
import { mimeBundleOf } from "./display";

describe("kernel: results as mime bundles", () => {
  it("uses an object's _repr_mimebundle_()", () => {
    const shown = { _repr_mimebundle_: () => ({ data: { "text/plain": "plain", "text/html": "<b>rich</b>" } }) };
    assert.deepEqual(mimeBundleOf(shown, () => assert.fail("no note expected")), { data: { "text/plain": "plain", "text/html": "<b>rich</b>" }, metadata: {} });
  });
  it("falls back to the text form, with a note, when _repr_mimebundle_() fails or returns no mime types", () => {
    const notes: string[] = [];
    const broken = { _repr_mimebundle_: () => { throw new Error("no data yet"); } };
    assert.deepEqual(Object.keys(mimeBundleOf(broken, (note) => notes.push(note)).data), ["text/plain"]);
    assert.match(notes[0], /_repr_mimebundle_\(\) threw Error: no data yet/);
    mimeBundleOf({ _repr_mimebundle_: () => ({ data: { html: "x" } }) }, (note) => notes.push(note));
    assert.match(notes[1], /data key "html", which is not a mime type/);
  });
  it("shows other values as util.inspect does (strings quoted, like Python's repr)", () => {
    assert.equal(mimeBundleOf("ab", () => {}).data["text/plain"], "'ab'");
    assert.equal(mimeBundleOf([1, 2], () => {}).data["text/plain"], "[ 1, 2 ]");
  });
});

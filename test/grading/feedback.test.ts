/** Feedback pages are safe to open: nothing from a submission runs in the instructor's browser. */
import { strict as assert } from "assert";
import { feedbackHtml } from "../../grading/feedback";
import { readNotebook } from "../../grading/notebook";
import { NOTEBOOK_17 } from "./helpers";

describe("grading: feedback pages", () => {
  it("escape the submission: no raw HTML, script or event handler from markdown, sources or outputs", () => {
    const nb = readNotebook(NOTEBOOK_17);
    nb.cells.unshift(
      { cell_type: "markdown", metadata: {}, source: "Hi <script>alert(1)</script> and <img src=x onerror=alert(2)> **bold**\n\n<a name='ex-0'></a>" },
      {
        cell_type: "code",
        metadata: {},
        source: "</code></pre><script>alert(3)</script>",
        outputs: [
          { output_type: "display_data", data: { "text/html": "<script>alert(4)</script>", "image/svg+xml": "<svg onload='alert(5)'></svg>" } },
          { output_type: "stream", name: "stdout", text: "<b>printed</b>" },
        ],
      },
    );
    const html = feedbackHtml(nb, { student: "<b>eve</b>", assignment: "tensor basics", notebookName: "x.ipynb", score: 0, maxScore: 11, gradedAt: "now", exercises: [] });
    assert.doesNotMatch(html, /<script|onerror|onload|<img src=x|<b>/);
    assert.match(html, /&lt;b&gt;eve&lt;\/b&gt;/);
    assert.match(html, /&lt;b&gt;printed&lt;\/b&gt;/);
    // An SVG output is shown as an image, where it runs nothing.
    assert.match(html, /<img class="output" alt="output image" src="data:image\/svg\+xml;base64,/);
  });
});

"""The Jupyter team's kernel conformance suite (jupyter_kernel_test) against the course kernel.

Run by test/kernel/kernel.test.ts (npm test), or by hand from the repository root:
    JUPYTER_PATH=$PWD /usr/bin/python3 -m unittest -v test/kernel/test_course_kernel.py
Not applicable here: code_page_something (IPython's `?` help pager; in this kernel, inspection
is Shift+Tab, answered by inspect_request).
"""

import unittest
from pathlib import Path

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

REPO = Path(__file__).resolve().parents[2]
# Cells import the course library as the notebooks do, with "../lib" from notebooks/.
NOTEBOOKS = REPO / "notebooks"
IMPORT_LIB = 'import * as nn from "../lib";\n'


class CourseKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "nn-basics-ts"
    language_name = "typescript"
    file_extension = ".ts"

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, cwd=str(NOTEBOOKS))

    code_hello_world = 'console.log("hello, world")'

    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "consol", "matches": {"console"}},
        # The library's names complete too (this suite completes before executing anything).
        {"text": IMPORT_LIB + "nn.backendN", "matches": {"backendName"}},
    ]

    complete_code_samples = [
        "1",
        "let x = 1;",
        "function double(a: number): number {\n  return a * 2;\n}",
        "const params = {\n  w: [0, 0],\n  b: 0,\n};",
        "for (let i = 0; i < 3; i++) {\n  console.log(i);\n}",
        "const text = `multi\nline`;",
        "<number>x",
    ]
    incomplete_code_samples = [
        "function sigmoid(z: number) {",
        "const X = [[1, 2],\n  [3, 4],",
        "if (cost > 0.5) {\n  console.log(cost);",
        "model(X, Y,",
        "const note = `a template literal",
        "/* a comment still open",
        "const cost =",
    ]
    invalid_code_samples = [
        "let 1x = 3;",
        "}",
        'const s = "unterminated',
        "1 +* 2",
    ]

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"nn" + "-basics"', "result": "'nn-basics'"},
        {"code": "[1, 2, 3].map((v) => v * 2)", "result": "[ 2, 4, 6 ]"},
        {
            # An object that shows itself (the library's display contract, _repr_mimebundle_).
            "code": '({ _repr_mimebundle_: () => ({ data: { "text/plain": "plain", "text/html": "<b>rich</b>" } }) })',
            "mime": "text/html",
            "result": "<b>rich</b>",
        },
    ]

    code_display_data = [
        {"code": 'import { display } from "tslab";\ndisplay.html("<b>hi</b>")', "mime": "text/html"},
        {
            "code": IMPORT_LIB + 'nn.display({ data: { "text/plain": "x", "text/markdown": "**x**" } })',
            "mime": "text/markdown",
        },
    ]

    # Glob over whole inputs, as IPython searches: matches "6 * 7" and no other input of the suite.
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_generate_error = 'throw new Error("boom")'

    # console.clear() clears the cell's output (clear_output), as a terminal clears its screen.
    code_clear_output = "console.clear()"


if __name__ == "__main__":
    unittest.main()

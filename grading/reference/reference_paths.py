"""Where the grading references read and write: the course's float64 solutions are shared with the
other numpy references (test/reference/course.py); the grader's fixtures go to grading/fixtures/."""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRADING_FIXTURES = ROOT / "grading" / "fixtures"
sys.path.insert(0, str(ROOT / "test" / "reference"))

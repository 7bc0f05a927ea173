#!/usr/bin/python3
"""Summarise a Tempest subunit stream: totals.txt, failures.txt (each failure with its error), skips.txt (each skip
with its reason), failing.txt (the failing ids alone) and results.tsv (one line per test: status, seconds, id) in the
output directory.

Usage: summarize.py RESULTS.subunit OUT_DIR [KNOWN_FAILURES]
With KNOWN_FAILURES (one test id a line, '#' comments), it also prints the failures that are not in that list
(regressions) and the listed tests that did not fail (fixed: shrink the list), and exits 3 if there is a regression.
"""
import collections
import re
import sys

import subunit
import testtools


def main(stream_path, out_dir):
    tests = collections.OrderedDict()

    def on_test(test):
        tests[test["id"]] = test

    with open(stream_path, "rb") as stream:
        case = subunit.ByteStreamToStreamResult(stream, non_subunit_name="stdout")
        result = testtools.StreamToDict(on_test)
        result.startTestRun()
        try:
            case.run(result)
        finally:
            result.stopTestRun()

    counts = collections.Counter()
    failures, skips, rows, failing = [], [], [], []
    for test_id, test in tests.items():
        status = test["status"]
        if status in ("exists", "inprogress"):
            continue
        name = re.sub(r"\[.*\]$", "", test_id)
        start, stop = test["timestamps"]
        seconds = (stop - start).total_seconds() if start and stop else 0.0
        rows.append(f"{status}\t{seconds:.1f}\t{name}")
        if status == "success":
            counts["passed"] += 1
        elif status == "skip":
            counts["skipped"] += 1
            reason = test["details"].get("reason")
            skips.append(f"{name}\n    {reason.as_text().strip() if reason else '(no reason given)'}")
        else:  # fail, uxsuccess
            counts["failed"] += 1
            failing.append(name)
            text = ""
            for key in ("traceback", "reason"):
                if key in test["details"]:
                    text = test["details"][key].as_text()
                    break
            failures.append(f"{name}\n" + "\n".join("    " + line for line in text.strip().splitlines()))

    # Not the 'N passed, N failed' form on purpose: CI reads that form as the closing line of the whole run.
    with open(f"{out_dir}/totals.txt", "w") as f:
        f.write(f"Tempest totals: passed={counts['passed']} failed={counts['failed']} skipped={counts['skipped']}\n")
    with open(f"{out_dir}/failing.txt", "w") as f:
        f.write("".join(line + "\n" for line in sorted(failing)))
    with open(f"{out_dir}/failures.txt", "w") as f:
        f.write("\n\n".join(failures) + "\n")
    with open(f"{out_dir}/skips.txt", "w") as f:
        f.write("\n".join(skips) + "\n")
    with open(f"{out_dir}/results.tsv", "w") as f:
        f.write("\n".join(sorted(rows, key=lambda r: r.split("\t")[2])) + "\n")
    return sorted(failing), set(name for name in (re.sub(r"\[.*\]$", "", t) for t in tests))


def compare(failing, ran, known_path):
    with open(known_path) as f:
        known = {line.split("#")[0].strip() for line in f} - {""}
    regressions = [name for name in failing if name not in known]
    fixed = sorted(name for name in known if name in ran and name not in failing)
    for name in regressions:
        print(f"REGRESSION (fails, not in {known_path}): {name}")
    for name in fixed:
        print(f"FIXED (listed in {known_path}, did not fail: remove it): {name}")
    print(f"Tempest against the known failures: {len(regressions)} new failure(s), {len(fixed)} fixed")
    return 3 if regressions else 0


if __name__ == "__main__":
    failing, ran = main(sys.argv[1], sys.argv[2])
    sys.exit(compare(failing, ran, sys.argv[3]) if len(sys.argv) > 3 else 0)

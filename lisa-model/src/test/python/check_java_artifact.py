"""Checks an artifact written by Java with NumPy alone and prints what NumPy sees as JSON:
for every tensor its dtype, shape, flat values, whether the sha256 in manifest.json matches the
file, and whether np.save of the loaded array gives the very same bytes. Also the codeSpace and
items.txt. Used by NumpyInteropTest; exits non-zero only when the files cannot be read at all.

Usage: python3 check_java_artifact.py ARTIFACT_DIR
"""
import hashlib
import io
import json
import os
import sys

import numpy as np


def main(root):
    with open(os.path.join(root, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    report = {"tensors": {}}
    raw_by_name = {}
    for name, entry in manifest["tensors"].items():
        path = os.path.join(root, entry["file"])
        with open(path, "rb") as f:
            raw = f.read()
        raw_by_name[name] = raw
        arr = np.load(path, allow_pickle=False)
        again = io.BytesIO()
        np.save(again, arr)
        report["tensors"][name] = {
            "dtype": str(arr.dtype),
            "shape": list(arr.shape),
            "shaMatches": hashlib.sha256(raw).hexdigest() == entry["sha256"],
            "npSaveIdentical": again.getvalue() == raw,
            "values": arr.ravel().tolist(),
        }
    if "codeSpace" in manifest:
        space = hashlib.sha256(raw_by_name["codes"] + raw_by_name.get("soft_assign", b"")).hexdigest()
        report["codeSpaceMatches"] = space == manifest["codeSpace"]
    with open(os.path.join(root, "items.txt"), encoding="utf-8") as f:
        report["items"] = f.read().splitlines()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])

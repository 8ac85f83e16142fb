"""Makes a TUF repository with python-tuf, the reference implementation, for Nebula's client.

Usage: make_repo.py OUT_DIR
Writes OUT_DIR/metadata/{1,2}.root.json (a root key rotation signed by old and new keys),
1.targets.json, 1.snapshot.json, timestamp.json, and OUT_DIR/targets/ with one target under
its hash-prefixed name (consistent snapshots). Prints the target's path and SHA-256 as JSON.
"""

import hashlib
import json
import os
import sys
from datetime import datetime, timedelta, timezone

from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import (
    MetaFile,
    Metadata,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer


def write(md, path):
    with open(path, "wb") as f:
        f.write(md.to_bytes(JSONSerializer(compact=False)))


def main(out):
    meta_dir = os.path.join(out, "metadata")
    os.makedirs(meta_dir, exist_ok=True)
    expires = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=7)
    signers = {r: CryptoSigner.generate_ed25519() for r in ("root", "targets", "snapshot", "timestamp")}

    root = Metadata(Root(expires=expires, consistent_snapshot=True))
    for role, signer in signers.items():
        root.signed.add_key(signer.public_key, role)
    root.sign(signers["root"])
    write(root, os.path.join(meta_dir, "1.root.json"))

    # Rotate the root key: version 2 is signed by the old and the new key.
    new_root = CryptoSigner.generate_ed25519()
    root.signed.revoke_key(signers["root"].public_key.keyid, "root")
    root.signed.add_key(new_root.public_key, "root")
    root.signed.version += 1
    root.signatures.clear()
    root.sign(signers["root"], append=True)
    root.sign(new_root, append=True)
    write(root, os.path.join(meta_dir, "2.root.json"))

    data = b"a release manifest made by python-tuf's repository side\n"
    path = "vsekai/1.0.0/manifest.json"
    target = TargetFile.from_data(path, data, ["sha256"])
    target.unrecognized_fields["custom"] = {"product": "vsekai", "version": "1.0.0", "mode": "stable"}
    sha = hashlib.sha256(data).hexdigest()
    target_file = os.path.join(out, "targets", "vsekai", "1.0.0", sha + ".manifest.json")
    os.makedirs(os.path.dirname(target_file), exist_ok=True)
    with open(target_file, "wb") as f:
        f.write(data)

    targets = Metadata(Targets(expires=expires))
    targets.signed.targets[path] = target
    targets.sign(signers["targets"])
    targets_bytes = targets.to_bytes(JSONSerializer(compact=False))
    with open(os.path.join(meta_dir, "1.targets.json"), "wb") as f:
        f.write(targets_bytes)

    snapshot = Metadata(Snapshot(expires=expires))
    snapshot.signed.meta["targets.json"] = MetaFile(
        version=1, length=len(targets_bytes), hashes={"sha256": hashlib.sha256(targets_bytes).hexdigest()}
    )
    snapshot.sign(signers["snapshot"])
    snapshot_bytes = snapshot.to_bytes(JSONSerializer(compact=False))
    with open(os.path.join(meta_dir, "1.snapshot.json"), "wb") as f:
        f.write(snapshot_bytes)

    timestamp = Metadata(Timestamp(expires=expires))
    timestamp.signed.snapshot_meta = MetaFile(
        version=1, length=len(snapshot_bytes), hashes={"sha256": hashlib.sha256(snapshot_bytes).hexdigest()}
    )
    timestamp.sign(signers["timestamp"])
    write(timestamp, os.path.join(meta_dir, "timestamp.json"))

    print(json.dumps({"path": path, "sha256": sha}))


if __name__ == "__main__":
    main(sys.argv[1])

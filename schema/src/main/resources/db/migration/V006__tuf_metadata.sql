-- The service's TUF repository (The Update Framework, specification 1.0): every signed version
-- of the four top-level roles, exactly the bytes that are served, so an anonymous read only
-- selects and never signs. Append-only: a role moves on by a new version, and a client may still
-- ask for any older root (it walks the root chain one version at a time). The key is the role
-- and its version, so two services that sign the same next version at once cannot both store
-- it: the second insert fails, and its transaction is run again against the winner's row.
CREATE TABLE IF NOT EXISTS tuf_metadata (
  role TEXT NOT NULL,
  version INT8 NOT NULL,
  body BYTEA NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (role, version),
  CONSTRAINT tuf_metadata_role CHECK (role IN ('root', 'targets', 'snapshot', 'timestamp')),
  CONSTRAINT tuf_metadata_version CHECK (version >= 1)
);

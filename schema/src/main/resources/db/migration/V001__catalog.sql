-- The catalog: modes, products, versions, which version is released to which mode, and the
-- signed manifests. Every fact that changes over time has its own relation with a half-open
-- period [valid_from, valid_to); valid_to NULL means "until further notice". A period is closed
-- by setting valid_to once, never rewritten; a new period is a new row.
-- SQL that PostgreSQL (13+) and CockroachDB both accept: no sequences, triggers or functions.

CREATE TABLE IF NOT EXISTS modes (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT modes_name_unique UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS mode_validities (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  mode_id UUID NOT NULL REFERENCES modes (id),
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT mode_validities_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS mode_validities_by_mode ON mode_validities (mode_id, valid_from);
-- At most one open period per mode: a concurrent writer cannot open a second one.
CREATE UNIQUE INDEX IF NOT EXISTS mode_validities_one_open ON mode_validities (mode_id) WHERE valid_to IS NULL;

CREATE TABLE IF NOT EXISTS products (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT products_name_unique UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS product_validities (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id UUID NOT NULL REFERENCES products (id),
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT product_validities_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS product_validities_by_product ON product_validities (product_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS product_validities_one_open ON product_validities (product_id) WHERE valid_to IS NULL;

-- tag is the SemVer pre-release ('' for a release); build is SemVer build metadata, which does
-- not take part in precedence, so it is not part of the key either: 1.0.0+a and 1.0.0+b are
-- the same version.
CREATE TABLE IF NOT EXISTS versions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id UUID NOT NULL REFERENCES products (id),
  major BIGINT NOT NULL,
  minor BIGINT NOT NULL,
  patch BIGINT NOT NULL,
  tag TEXT NOT NULL DEFAULT '',
  build TEXT NOT NULL DEFAULT '',
  executable_path TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT versions_numbers CHECK (major >= 0 AND minor >= 0 AND patch >= 0),
  -- Also the index of the hot query: scanned backwards it yields a product's versions from the
  -- highest major.minor.patch down.
  CONSTRAINT versions_precedence_unique UNIQUE (product_id, major, minor, patch, tag)
);
CREATE INDEX IF NOT EXISTS versions_by_publication ON versions (product_id, created_at, id);

CREATE TABLE IF NOT EXISTS version_validities (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id UUID NOT NULL REFERENCES versions (id),
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT version_validities_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS version_validities_by_version ON version_validities (version_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS version_validities_one_open ON version_validities (version_id) WHERE valid_to IS NULL;

-- A version is offered in a mode over a period. Promoting a beta to stable is a second row.
CREATE TABLE IF NOT EXISTS releases (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id UUID NOT NULL REFERENCES versions (id),
  mode_id UUID NOT NULL REFERENCES modes (id),
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT releases_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS releases_by_version_mode ON releases (version_id, mode_id, valid_from);
CREATE INDEX IF NOT EXISTS releases_by_mode ON releases (mode_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS releases_one_open ON releases (version_id, mode_id) WHERE valid_to IS NULL;

-- The files of a version, as its manifest lists them. Indexes are content-addressed, so this is
-- also what says which indexes (and through them which chunks) are still referenced.
CREATE TABLE IF NOT EXISTS version_files (
  version_id UUID NOT NULL REFERENCES versions (id),
  path TEXT NOT NULL,
  size BIGINT NOT NULL,
  permissions TEXT NOT NULL,
  index_sha256 TEXT NOT NULL,
  PRIMARY KEY (version_id, path),
  CONSTRAINT version_files_size CHECK (size >= 0)
);
CREATE INDEX IF NOT EXISTS version_files_by_index ON version_files (index_sha256);

-- Signed manifests, append-only: the newest signature of a version is its current manifest; a
-- re-signed one (a fresh expiry) is a new row. envelope is the SignedManifest JSON as served.
CREATE TABLE IF NOT EXISTS manifests (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id UUID NOT NULL REFERENCES versions (id),
  key_id TEXT NOT NULL,
  envelope TEXT NOT NULL,
  signed_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT manifests_expiry CHECK (expires_at > signed_at)
);
CREATE INDEX IF NOT EXISTS manifests_by_version ON manifests (version_id, signed_at);

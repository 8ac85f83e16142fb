-- Binary patches made after a release was published: each turns one file of an earlier version
-- (the source) into the same path of this version (the result). The patch itself is a
-- content-addressed object in the service's patch store; this row is what the signed targets
-- metadata says about it. A row is written only once its object is stored, so a listed patch
-- can always be downloaded. Rows are immutable; a second maker of the same patch inserts nothing.
CREATE TABLE IF NOT EXISTS file_patches (
  version_id UUID NOT NULL,
  path TEXT NOT NULL,
  from_version_id UUID NOT NULL REFERENCES versions (id),
  source_sha256 TEXT NOT NULL,
  result_sha256 TEXT NOT NULL,
  patch_sha256 TEXT NOT NULL,
  patch_size BIGINT NOT NULL,
  chunk_bytes BIGINT NOT NULL,
  chunk_raw_bytes BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, path, from_version_id),
  CONSTRAINT file_patches_file FOREIGN KEY (version_id, path)
    REFERENCES version_files (version_id, path),
  CONSTRAINT file_patches_sizes CHECK (patch_size > 0 AND chunk_bytes >= 0 AND chunk_raw_bytes >= 0)
);

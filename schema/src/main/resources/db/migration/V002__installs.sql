-- Installs (one game folder on one player's machine), their mode and version over time, and
-- the update processes that move them from one version to the next.

-- The id is chosen by the client when it first registers, so a retried registration is
-- recognised instead of creating a second install.
CREATE TABLE IF NOT EXISTS installs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id UUID NOT NULL REFERENCES products (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS install_modes (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  install_id UUID NOT NULL REFERENCES installs (id),
  mode_id UUID NOT NULL REFERENCES modes (id),
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT install_modes_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS install_modes_by_install ON install_modes (install_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS install_modes_one_open ON install_modes (install_id) WHERE valid_to IS NULL;

CREATE TABLE IF NOT EXISTS install_versions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  install_id UUID NOT NULL REFERENCES installs (id),
  version_id UUID NOT NULL REFERENCES versions (id),
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT install_versions_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS install_versions_by_install ON install_versions (install_id, valid_from);
-- Which installs run a version (rollouts count them).
CREATE INDEX IF NOT EXISTS install_versions_by_version ON install_versions (version_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS install_versions_one_open ON install_versions (install_id) WHERE valid_to IS NULL;

-- One update of one install, as the seed describes it: the manifest and version it applies, the
-- files it changes and the registry values it sets. Written once, when first reported.
CREATE TABLE IF NOT EXISTS update_processes (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  install_id UUID NOT NULL REFERENCES installs (id),
  from_version_id UUID REFERENCES versions (id),
  to_version_id UUID REFERENCES versions (id),
  manifest_file_and_version TEXT,
  files_for_update JSONB NOT NULL DEFAULT '[]',
  registry_values JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS update_processes_by_install ON update_processes (install_id, created_at, id);
CREATE INDEX IF NOT EXISTS update_processes_by_creation ON update_processes (created_at, id);

-- The period the process ran: open while it runs, closed when it reaches a final state.
CREATE TABLE IF NOT EXISTS update_process_validities (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  update_process_id UUID NOT NULL REFERENCES update_processes (id),
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT update_process_validities_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS update_process_validities_by_process ON update_process_validities (update_process_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS update_process_validities_one_open ON update_process_validities (update_process_id) WHERE valid_to IS NULL;

-- The states of the seed's diagram that a process went through, each over its period.
CREATE TABLE IF NOT EXISTS update_process_states (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  update_process_id UUID NOT NULL REFERENCES update_processes (id),
  state TEXT NOT NULL,
  detail TEXT,
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT update_process_states_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CONSTRAINT update_process_states_known CHECK (state IN (
    'Checking', 'NoUpdateFound', 'UpdateAvailable', 'PreparingUpdate', 'DownloadingUpdate',
    'ApplyingUpdate', 'FinalizingUpdate', 'UpdateSuccessful', 'UpdateFailed', 'UpdateCancelled'))
);
CREATE INDEX IF NOT EXISTS update_process_states_by_process ON update_process_states (update_process_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS update_process_states_one_open ON update_process_states (update_process_id) WHERE valid_to IS NULL;

-- The local chunk cache (a desync store under the launcher folder) of an install, and where it
-- was and which update process used it over time.
CREATE TABLE IF NOT EXISTS casync_caches (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  install_id UUID NOT NULL REFERENCES installs (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT casync_caches_one_per_install UNIQUE (install_id)
);

CREATE TABLE IF NOT EXISTS casync_cache_histories (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  casync_cache_id UUID NOT NULL REFERENCES casync_caches (id),
  update_process_id UUID REFERENCES update_processes (id),
  path TEXT NOT NULL,
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT casync_cache_histories_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS casync_cache_histories_by_cache ON casync_cache_histories (casync_cache_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS casync_cache_histories_one_open ON casync_cache_histories (casync_cache_id) WHERE valid_to IS NULL;

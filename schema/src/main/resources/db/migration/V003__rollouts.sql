-- Staged rollouts (issue 6): a version reaches a mode's installs in waves; a wave halts the
-- rollout when its failure rate passes the threshold. The tables only; the rollout workflow
-- writes them.

CREATE TABLE IF NOT EXISTS rollouts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id UUID NOT NULL REFERENCES versions (id),
  mode_id UUID NOT NULL REFERENCES modes (id),
  max_failure_rate DOUBLE PRECISION NOT NULL,
  workflow_id TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT rollouts_failure_rate CHECK (max_failure_rate >= 0 AND max_failure_rate <= 1)
);
CREATE INDEX IF NOT EXISTS rollouts_by_version ON rollouts (version_id, created_at);

CREATE TABLE IF NOT EXISTS rollout_states (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  rollout_id UUID NOT NULL REFERENCES rollouts (id),
  state TEXT NOT NULL,
  reason TEXT,
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT rollout_states_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CONSTRAINT rollout_states_known CHECK (state IN (
    'Scheduled', 'Running', 'Paused', 'Halted', 'Aborted', 'Completed'))
);
CREATE INDEX IF NOT EXISTS rollout_states_by_rollout ON rollout_states (rollout_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS rollout_states_one_open ON rollout_states (rollout_id) WHERE valid_to IS NULL;

-- Wave n reaches the installs whose stable hash falls under percent; deadline_seconds is how
-- long the wave waits for its installs' results.
CREATE TABLE IF NOT EXISTS rollout_waves (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  rollout_id UUID NOT NULL REFERENCES rollouts (id),
  wave_index INT NOT NULL,
  percent INT NOT NULL,
  deadline_seconds BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT rollout_waves_percent CHECK (percent > 0 AND percent <= 100),
  CONSTRAINT rollout_waves_order UNIQUE (rollout_id, wave_index)
);

-- A wave's progress over time: its state and the counts it had reached.
CREATE TABLE IF NOT EXISTS rollout_wave_states (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  rollout_wave_id UUID NOT NULL REFERENCES rollout_waves (id),
  state TEXT NOT NULL,
  installs_targeted INT NOT NULL DEFAULT 0,
  installs_succeeded INT NOT NULL DEFAULT 0,
  installs_failed INT NOT NULL DEFAULT 0,
  reason TEXT,
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT rollout_wave_states_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CONSTRAINT rollout_wave_states_known CHECK (state IN (
    'Pending', 'Running', 'Succeeded', 'Halted', 'Skipped')),
  CONSTRAINT rollout_wave_states_counts CHECK (
    installs_targeted >= 0 AND installs_succeeded >= 0 AND installs_failed >= 0)
);
CREATE INDEX IF NOT EXISTS rollout_wave_states_by_wave ON rollout_wave_states (rollout_wave_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS rollout_wave_states_one_open ON rollout_wave_states (rollout_wave_id) WHERE valid_to IS NULL;

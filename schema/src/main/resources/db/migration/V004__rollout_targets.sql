-- Staged rollouts (issue 6), continued: which installs each wave reached, and which update
-- carries each. One row per install and rollout, written once when the wave starts (or joins)
-- the install's update. How that update ends is not copied here: it is read from
-- update_process_states under update_process_id, the id the service gives the process of the
-- update's workflow run when the update reports.

CREATE TABLE IF NOT EXISTS rollout_targets (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  rollout_wave_id UUID NOT NULL REFERENCES rollout_waves (id),
  -- Repeats the wave's rollout so that the constraint below can hold across waves.
  rollout_id UUID NOT NULL REFERENCES rollouts (id),
  install_id UUID NOT NULL REFERENCES installs (id),
  update_workflow_id TEXT NOT NULL,
  update_run_id TEXT NOT NULL,
  -- No foreign key: the process row appears when the update first reports, which an install
  -- that is offline does days later, or never.
  update_process_id UUID NOT NULL,
  -- True when the wave found an update of the install already running (started by the player
  -- or the launcher) and counts that one instead of starting its own.
  joined_running_update BOOLEAN NOT NULL,
  triggered_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT rollout_targets_once_per_install UNIQUE (rollout_id, install_id)
);
CREATE INDEX IF NOT EXISTS rollout_targets_by_wave ON rollout_targets (rollout_wave_id, install_id);

-- The installs that follow a mode now, in id order: what a wave pages through.
CREATE INDEX IF NOT EXISTS install_modes_open_by_mode ON install_modes (mode_id, install_id) WHERE valid_to IS NULL;

-- Rollouts newest first, for listing.
CREATE INDEX IF NOT EXISTS rollouts_by_creation ON rollouts (created_at, id);

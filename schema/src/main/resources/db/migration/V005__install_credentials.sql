-- The secret each install proves itself with on every call it makes (the REST API and the install
-- gateway). Only the secret's SHA-256 is kept: the secret is 256 random bits, so a fast hash is
-- enough, and a copy of this table lets no one in. A credential is valid from its issue until an
-- operator revokes it or issues the install a new one: a period, like every other fact here.
CREATE TABLE IF NOT EXISTS install_credentials (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  install_id UUID NOT NULL REFERENCES installs (id),
  secret_sha256 TEXT NOT NULL,
  valid_from TIMESTAMPTZ NOT NULL,
  valid_to TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT install_credentials_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX IF NOT EXISTS install_credentials_by_install ON install_credentials (install_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS install_credentials_one_open ON install_credentials (install_id) WHERE valid_to IS NULL;

#!/bin/sh
# `vsekai` in the CLI image: the launch of the repository's ./vsekai, on the image's build.
# VSEKAI_JAVA_OPTS: extra JVM options, e.g. -Xmx512m.
# The CLI's own settings come from its flags or environment: NEBULA_SERVICE_URL (--service, an
# https:// URL: credentials go in plain HTTP to loopback only), NEBULA_CA_CERT (--ca, a PEM to
# trust, e.g. a self-signed service's certificate), NEBULA_GATEWAY (--gateway HOST:PORT, the
# install gateway; default: the one the service named when the install registered).
# shellcheck disable=SC2086 # VSEKAI_JAVA_OPTS holds several options
exec java ${VSEKAI_JAVA_OPTS:-} -cp "/opt/vsekai/cli.jar:/opt/vsekai/lib/*" org.vsekai.nebula.cli.VsekaiCommand "$@"

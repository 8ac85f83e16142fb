#!/bin/sh
# `vsekai` in the CLI image: the launch of the repository's ./vsekai, on the image's build.
# VSEKAI_JAVA_OPTS: extra JVM options, e.g. -Xmx512m.
# shellcheck disable=SC2086 # VSEKAI_JAVA_OPTS holds several options
exec java ${VSEKAI_JAVA_OPTS:-} -cp "/opt/vsekai/cli.jar:/opt/vsekai/lib/*" org.vsekai.nebula.cli.VsekaiCommand "$@"

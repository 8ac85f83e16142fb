# syntax=docker/dockerfile:1
# vsekai, the command line: publish, install, update, worker, status, rollout, desync, ...
#   docker run --rm -v "$PWD/build:/build" -e NEBULA_SERVICE_URL=https://updates.example \
#     -e NEBULA_PUBLISHER_TOKEN=... nebula-cli publish ...
# docker/compose.yml runs it as the optional `worker` (/usr/local/bin/vsekai-worker).
# Build from the repository root:
#   docker build -f docker/cli.Dockerfile -t nebula-cli .
# The build context's ignore file is docker/cli.Dockerfile.dockerignore.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
COPY desync ./desync
COPY api ./api
COPY schema ./schema
COPY workflows ./workflows
COPY activities ./activities
COPY worker-client ./worker-client
COPY gateway ./gateway
COPY server ./server
COPY cli ./cli
# The layout ./vsekai runs: cli/target/cli-0.1.0-SNAPSHOT.jar + cli/target/lib/*.jar.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl cli -am package \
    && mkdir -p /out/lib \
    && find cli/target -maxdepth 1 -name 'cli-*.jar' ! -name '*-tests.jar' ! -name '*-sources.jar' -exec cp {} /out/cli.jar \; \
    && cp cli/target/lib/*.jar /out/lib/

FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 vsekai \
    && useradd --system --uid 10001 --gid vsekai --home-dir /var/lib/vsekai --shell /usr/sbin/nologin vsekai \
    && mkdir -p /var/lib/vsekai \
    && chown vsekai:vsekai /var/lib/vsekai
COPY --from=build /out/ /opt/vsekai/
COPY --chmod=0755 docker/cli/vsekai.sh /usr/local/bin/vsekai
COPY --chmod=0755 docker/cli/worker-entrypoint.sh /usr/local/bin/vsekai-worker
COPY --chmod=0755 docker/cli/worker-health.sh /usr/local/bin/vsekai-worker-health
USER 10001:10001
WORKDIR /var/lib/vsekai
ENTRYPOINT ["/usr/local/bin/vsekai"]
CMD ["--help"]

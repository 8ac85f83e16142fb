# syntax=docker/dockerfile:1
# The Nebula service: `server` and `db migrate` of org.vsekai.nebula.server.NebulaApplication
# with /etc/nebula/nebula.yml, whose every setting is a NEBULA_* environment variable.
# Build from the repository root (docker/compose.yml does):
#   docker build -f docker/server.Dockerfile -t nebula-server .
# The build context's ignore file is docker/server.Dockerfile.dockerignore.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
# The whole reactor: the service builds on desync, api, schema, workflows and gateway. Tests are
# compiled (the test-jars the modules share) but not run; the repository's CI runs them.
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
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl server -am package dependency:copy-dependencies -DincludeScope=runtime \
    && mkdir -p /out/lib \
    && find server/target -maxdepth 1 -name 'server-*.jar' ! -name '*-tests.jar' ! -name '*-sources.jar' -exec cp {} /out/lib/ \; \
    && cp server/target/dependency/*.jar /out/lib/

FROM ${JRE_IMAGE}
# curl: the health check of docker/compose.yml asks the admin port's /healthcheck.
# /etc/nebula/tls and /etc/nebula/ca: where compose mounts the nebula-tls and nebula-ca volumes,
# owned by the service's user so that the nebula-certs job (this image, keytool) can fill them.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 nebula \
    && useradd --system --uid 10001 --gid nebula --home-dir /var/lib/nebula --shell /usr/sbin/nologin nebula \
    && mkdir -p /var/lib/nebula /etc/nebula/tls /etc/nebula/ca \
    && chown nebula:nebula /var/lib/nebula /etc/nebula/tls /etc/nebula/ca
COPY --from=build /out/lib/ /opt/nebula/lib/
COPY server/src/main/resources/nebula.yml /etc/nebula/nebula.yml
ENV NEBULA_DATA_DIR=/var/lib/nebula \
    NEBULA_BIND_HOST=0.0.0.0
USER 10001:10001
WORKDIR /var/lib/nebula
VOLUME ["/var/lib/nebula"]
# 8080: REST, /store/ and /index/ (NEBULA_PORT), HTTPS with NEBULA_TLS_KEYSTORE; 7243: the
# install gateway, gRPC (TLS with the same key store) for players' workers (NEBULA_GATEWAY_PORT);
# 8081: admin, /healthcheck and metrics (NEBULA_ADMIN_PORT, on 127.0.0.1 unless
# NEBULA_ADMIN_BIND_HOST says otherwise).
EXPOSE 8080 7243 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/nebula/lib/*", "org.vsekai.nebula.server.NebulaApplication"]
CMD ["server", "/etc/nebula/nebula.yml"]

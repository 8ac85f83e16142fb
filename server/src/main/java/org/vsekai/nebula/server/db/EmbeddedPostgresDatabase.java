package org.vsekai.nebula.server.db;

import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of the embedded default: a PostgreSQL server run from io.zonky's bundled binaries,
 * its data in a folder that outlives the process, so a restarted service finds its releases. The
 * port is fixed before start so the connection pool can be configured first.
 */
public final class EmbeddedPostgresDatabase implements Managed, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresDatabase.class);
  public static final String USER = "postgres";

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  /**
   * @param port the port to listen on; 0 picks a free one now
   */
  public EmbeddedPostgresDatabase(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port == 0 ? freePort() : port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  @Override
  public synchronized void start() throws IOException {
    if (postgres != null) {
      return;
    }
    Files.createDirectories(dataDir);
    boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .start();
    LOG.info(
        "embedded PostgreSQL {} on port {} with data in {}",
        fresh ? "created" : "started",
        port,
        dataDir);
  }

  @Override
  public synchronized void stop() throws IOException {
    if (postgres == null) {
      return;
    }
    postgres.close();
    postgres = null;
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the embedded PostgreSQL", e);
    }
  }
}

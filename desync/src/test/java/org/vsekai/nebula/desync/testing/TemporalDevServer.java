package org.vsekai.nebula.desync.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal dev server ({@code temporal server start-dev}) for end-to-end tests, with a
 * SQLite file so that it can be killed and restarted with its workflows intact, and the Web UI on a
 * port of its own. Needs the {@code temporal} binary (scripts/install-tools.sh); skips without it,
 * fails without it under CI=true.
 */
public final class TemporalDevServer implements AutoCloseable {
  private final ExternalTool tool;
  private final List<String> searchAttributes;
  private final Path dbFile;
  private final Path log;
  private final int port;
  private final int uiPort;
  private Process process;

  private TemporalDevServer(
      ExternalTool tool,
      List<String> searchAttributes,
      Path dbFile,
      Path log,
      int port,
      int uiPort) {
    this.tool = tool;
    this.searchAttributes = List.copyOf(searchAttributes);
    this.dbFile = dbFile;
    this.log = log;
    this.port = port;
    this.uiPort = uiPort;
  }

  /**
   * Starts a dev server keeping its state in {@code dir}, with these Keyword search attributes
   * (Nebula's are in the workflows module, which this one cannot see).
   */
  public static TemporalDevServer start(Path dir, List<String> searchAttributes)
      throws IOException {
    ExternalTool tool = ExternalTool.require("temporal");
    // A port found free can be taken before the server binds it (by another test's process, or
    // by one the server derives from it); a server that exits at start gets other ports.
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      TemporalDevServer s =
          new TemporalDevServer(
              tool,
              searchAttributes,
              dir.resolve("temporal.db"),
              dir.resolve("temporal.log"),
              freePort(),
              freePort());
      try {
        s.launch();
        return s;
      } catch (IOException e) {
        last = e;
        if (s.process != null) {
          s.process.destroyForcibly();
        }
      }
    }
    String tail = "";
    try {
      List<String> lines = Files.readAllLines(dir.resolve("temporal.log"));
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      // no log to show
    }
    throw new IOException(last.getMessage() + "\n" + tail, last);
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  public String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  public Path log() {
    return log;
  }

  private void launch() throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                tool.path().toString(),
                "server",
                "start-dev",
                "--db-filename",
                dbFile.toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--log-level",
                "warn"));
    for (String a : searchAttributes) {
      cmd.add("--search-attribute");
      cmd.add(a + "=Keyword");
    }
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitPort(port, Duration.ofSeconds(60));
    awaitPort(uiPort, Duration.ofSeconds(60));
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts it again on the same ports and database file. */
  public void restart() throws IOException {
    launch();
  }

  private void awaitPort(int p, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "temporal server start-dev exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
    throw new IOException(
        "temporal dev server did not open port " + p + " within " + timeout + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}

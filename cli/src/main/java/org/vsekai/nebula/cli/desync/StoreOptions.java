package org.vsekai.nebula.cli.desync;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.desync.CachingChunkStore;
import org.vsekai.nebula.desync.ChainedChunkStore;
import org.vsekai.nebula.desync.ChunkStore;
import org.vsekai.nebula.desync.HttpChunkStore;
import org.vsekai.nebula.desync.HttpStoreOptions;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.WritableChunkStore;
import picocli.CommandLine.Option;

/** How the desync commands reach stores: a folder or an http(s) URL, as desync takes them. */
public final class StoreOptions {
  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "HTTP store request timeout (default: ${DEFAULT-VALUE})",
      defaultValue = "60")
  long timeoutSeconds;

  @Option(
      names = "--error-retry",
      paramLabel = "N",
      description = "retries of HTTP errors and 5xx (default: ${DEFAULT-VALUE})",
      defaultValue = "3")
  int retries;

  @Option(
      names = "--http-auth",
      paramLabel = "VALUE",
      defaultValue = "${env:NEBULA_STORE_AUTH}",
      description =
          "Authorization header for HTTP stores, e.g. 'Bearer TOKEN' (env NEBULA_STORE_AUTH)")
  String authorization;

  HttpStoreOptions http() {
    return HttpStoreOptions.DEFAULT
        .withTimeout(Duration.ofSeconds(timeoutSeconds))
        .withRetries(retries, Duration.ofMillis(500))
        .withAuthorization(authorization);
  }

  static boolean isUrl(String spec) {
    return spec.startsWith("http://") || spec.startsWith("https://");
  }

  ChunkStore open(String spec) {
    return isUrl(spec)
        ? new HttpChunkStore(URI.create(spec), http())
        : new LocalChunkStore(Path.of(spec));
  }

  WritableChunkStore openWritable(String spec) {
    return isUrl(spec)
        ? new HttpChunkStore(URI.create(spec), http())
        : new LocalChunkStore(Path.of(spec));
  }

  LocalChunkStore openLocal(String spec) {
    if (isUrl(spec)) {
      throw new CliFailure(
          ExitCodes.USAGE, "'" + spec + "' must be a local store folder for this command");
    }
    return new LocalChunkStore(Path.of(spec));
  }

  /**
   * A store to read from with the default HTTP settings (and {@code NEBULA_STORE_AUTH}), for
   * commands outside {@code desync} that take one store.
   */
  public static ChunkStore openWithDefaults(String spec) {
    return isUrl(spec)
        ? new HttpChunkStore(
            URI.create(spec),
            HttpStoreOptions.DEFAULT.withAuthorization(System.getenv("NEBULA_STORE_AUTH")))
        : new LocalChunkStore(Path.of(spec));
  }

  /** Stores in order, behind a local cache when one is given. */
  ChunkStore chain(List<String> specs, String cache) {
    if (specs == null || specs.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, "no store given (-s STORE)");
    }
    List<ChunkStore> stores = new ArrayList<>();
    for (String s : specs) {
      stores.add(open(s));
    }
    ChunkStore chain = ChainedChunkStore.of(stores);
    return cache == null ? chain : new CachingChunkStore(openLocal(cache), chain);
  }
}

package org.vsekai.nebula.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.vsekai.nebula.desync.testing.ExternalTool;

/**
 * Debian's Chromium, headless, loading one page the way a person would see it: the page's scripts
 * run (up to a budget of virtual time, so the single-page UI can fetch its data), then the DOM is
 * returned and a screenshot kept. The flags keep it from calling out to the network (closed here)
 * and from sharing a profile between runs.
 */
final class HeadlessChromium {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

  private final ExternalTool tool;

  private HeadlessChromium(ExternalTool tool) {
    this.tool = tool;
  }

  /** Skips the test without chromium (fails under CI=true). */
  static HeadlessChromium require() {
    return new HeadlessChromium(ExternalTool.require("chromium"));
  }

  /** The page's DOM after its scripts ran; the screenshot goes to {@code screenshot}. */
  String render(String url, Path screenshot) throws IOException {
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    Path profile = Files.createTempDirectory("chromium-profile");
    try {
      ExternalTool.Run run =
          tool.runAllowingFailure(
              null,
              RUN_LIMIT,
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--user-data-dir=" + profile,
              "--window-size=1400,900",
              "--virtual-time-budget=15000",
              "--screenshot=" + screenshot.toAbsolutePath(),
              "--dump-dom",
              url);
      if (run.exitCode() != 0) {
        throw new AssertionError(
            "chromium exited " + run.exitCode() + " on " + url + ": " + run.stderr().strip());
      }
      return run.stdout();
    } finally {
      try (Stream<Path> walk = Files.walk(profile)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

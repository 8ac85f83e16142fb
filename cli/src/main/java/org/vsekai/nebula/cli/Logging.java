package org.vsekai.nebula.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The CLI logs errors only (logback.xml); {@code --verbose} lets INFO through as well. */
final class Logging {
  private Logging() {}

  static void verbose() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.INFO);
    }
  }
}

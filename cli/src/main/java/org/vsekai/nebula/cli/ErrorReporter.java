package org.vsekai.nebula.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.vsekai.nebula.activities.local.NotAnInstallException;
import org.vsekai.nebula.api.client.InsecureTransportException;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.manifest.ManifestRejectedException;
import org.vsekai.nebula.api.tuf.TufRefusal;
import org.vsekai.nebula.desync.ChunkInvalidException;
import org.vsekai.nebula.desync.ChunkMissingException;
import org.vsekai.nebula.desync.ChunkStoreException;
import org.vsekai.nebula.desync.FileMissingException;
import org.vsekai.nebula.desync.IndexFormatException;
import org.vsekai.nebula.desync.catar.CatarFormatException;
import org.vsekai.nebula.workflows.client.TemporalUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr and a documented exit code; {@code --verbose} adds the
 * stack trace. Library code throws; only this class decides how a failure looks to a user.
 */
public final class ErrorReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    cmd.getErr().println("vsekai: " + oneLine(e));
    if (isVerbose(parsed)) {
      e.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return exitCodeOf(e);
  }

  static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  public static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (e instanceof UncheckedIOException && e.getCause() instanceof NoSuchFileException nsf) {
      m = nsf.getFile() + " does not exist";
    } else if (e instanceof NoSuchFileException nsf) {
      m = nsf.getFile() + " does not exist";
    }
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m).trim();
  }

  public static int exitCodeOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ExitCodeCarrier c) {
        return c.exitCode();
      }
      if (t instanceof ChunkMissingException
          || t instanceof NoSuchFileException
          || t instanceof FileMissingException) {
        return ExitCodes.NOT_FOUND;
      }
      if (t instanceof ChunkInvalidException
          || t instanceof IndexFormatException
          || t instanceof CatarFormatException) {
        return ExitCodes.INVALID_DATA;
      }
      if (t instanceof ChunkStoreException cse) {
        return cse.transientFailure() ? ExitCodes.UNAVAILABLE : ExitCodes.ERROR;
      }
      if (t instanceof TemporalUnavailableException) {
        return ExitCodes.UNAVAILABLE;
      }
      if (t instanceof InsecureTransportException) {
        return ExitCodes.USAGE;
      }
      if (t instanceof ServiceException se) {
        if (se.transientFailure()) {
          return ExitCodes.UNAVAILABLE;
        }
        if (se.notFound()) {
          return ExitCodes.NOT_FOUND;
        }
        return se.status() == 400 || se.status() == 422 ? ExitCodes.USAGE : ExitCodes.ERROR;
      }
      if (t instanceof NotAnInstallException) {
        return ExitCodes.INVALID_DATA;
      }
      if (t instanceof ManifestRejectedException) {
        return ExitCodes.REJECTED;
      }
      if (t instanceof TufRefusal) {
        return ExitCodes.REJECTED;
      }
      if (t instanceof InterruptedException) {
        return ExitCodes.INTERRUPTED;
      }
      if (t instanceof IllegalArgumentException) {
        return ExitCodes.USAGE;
      }
    }
    return ExitCodes.ERROR;
  }

  /** An exception that knows its exit code. */
  public interface ExitCodeCarrier {
    int exitCode();
  }
}

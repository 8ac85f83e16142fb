package org.vsekai.nebula.cli.desync;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify-index", description = "Verify that a file matches its index.")
final class VerifyIndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--concurrency"},
      description = "threads (default: CPU count)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Parameters(index = "0", paramLabel = "INDEX")
  Path index;

  @Parameters(index = "1", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() {
    return VerifyCommand.verifyFile(spec, index, file, threads);
  }
}

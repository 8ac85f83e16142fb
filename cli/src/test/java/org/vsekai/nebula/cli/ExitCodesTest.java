package org.vsekai.nebula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit codes are listed once, in ExitCodes; the help and the README say the same. */
class ExitCodesTest {
  @Test
  void theReadmeTableIsExitCodesAll() throws Exception {
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
      if (line.equals("| exit code | meaning |")) {
        inTable = true;
      } else if (inTable && line.startsWith("|---")) {
        continue;
      } else if (inTable && line.startsWith("| ")) {
        rows.add(line);
      } else if (inTable) {
        break;
      }
    }
    assertThat(rows)
        .containsExactlyElementsOf(
            ExitCodes.ALL.stream()
                .map(c -> "| " + c.value() + " | " + c.meaning() + " |")
                .toList());
  }

  @Test
  void theHelpFooterNamesEveryCode() {
    StringWriter help = new StringWriter();
    VsekaiCommand.commandLine().usage(new PrintWriter(help));
    String text = help.toString().replaceAll("\\s+", " ");
    for (ExitCodes.Code c : ExitCodes.ALL) {
      assertThat(text).contains(c.value() + " " + c.word());
    }
  }
}

package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Disk-full is judged by the room left, whatever the words of the operating system. */
class DiskFullTest {
  private static final Path ANYWHERE = Path.of(".");
  private static final DiskSpace NO_ROOM = path -> 4096;
  private static final DiskSpace ROOMY = path -> 10L << 30;

  @Test
  void aFailedWriteOnAFullVolumeIsDiskFullInAnyLanguage() {
    IOException french = new IOException("Aucun espace disponible sur le périphérique");
    IOException japanese = new IOException("デバイスに空き領域がありません");
    assertThat(DiskFull.is(french, ANYWHERE, NO_ROOM, 65_536)).isTrue();
    assertThat(DiskFull.is(new UncheckedIOException(japanese), ANYWHERE, NO_ROOM, 0)).isTrue();
  }

  @Test
  void theSameWordsWithRoomLeftAreNot() {
    IOException english = new IOException("No space left on device");
    assertThat(DiskFull.is(english, ANYWHERE, ROOMY, 65_536)).isFalse();
  }

  @Test
  void roomShorterThanWhatIsLeftToWriteIsFull() {
    IOException any = new IOException("write failed");
    DiskSpace tenMiB = path -> 10L << 20;
    assertThat(DiskFull.is(any, ANYWHERE, tenMiB, 20L << 20)).isTrue();
    assertThat(DiskFull.is(any, ANYWHERE, tenMiB, 1L << 20)).isFalse();
  }

  @Test
  void aFailureThatIsNotIoIsNever() {
    assertThat(DiskFull.is(new IllegalStateException("bug"), ANYWHERE, NO_ROOM, 0)).isFalse();
  }
}

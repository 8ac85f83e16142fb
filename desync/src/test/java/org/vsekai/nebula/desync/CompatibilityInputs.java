package org.vsekai.nebula.desync;

import java.util.List;
import org.vsekai.nebula.desync.testing.TestData;

/** Inputs every format check runs on: random, structured, and the size edge cases. */
final class CompatibilityInputs {
  record Input(String name, byte[] data) {
    @Override
    public String toString() {
      return name + " (" + data.length + " bytes)";
    }
  }

  private CompatibilityInputs() {}

  static List<Input> forDefaultSizes() {
    int min = 16 * 1024;
    int max = 256 * 1024;
    byte[] mixed = new byte[3 << 20];
    System.arraycopy(TestData.random(5, 1 << 20), 0, mixed, 0, 1 << 20);
    System.arraycopy(TestData.repeats(6, 1000, 1 << 20), 0, mixed, 2 << 20, 1 << 20);
    return List.of(
        new Input("rand5m", TestData.aesCtr(5_000_000)),
        new Input("random-3m", TestData.random(1, 3 << 20)),
        new Input("zeros-1m", new byte[1 << 20]),
        new Input("repeats", TestData.repeats(2, 4096, 2 << 20)),
        new Input("random-zeros-repeats", mixed),
        new Input("smaller-than-min", TestData.random(3, 1000)),
        new Input("exactly-min", TestData.random(4, min)),
        new Input("min-plus-one", TestData.random(7, min + 1)),
        new Input("exactly-max", TestData.random(8, max)),
        new Input("max-plus-one", TestData.random(9, max + 1)),
        new Input("one-byte", new byte[] {42}),
        new Input("empty", new byte[0]));
  }
}

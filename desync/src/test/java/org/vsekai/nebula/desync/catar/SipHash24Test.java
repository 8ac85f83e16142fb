package org.vsekai.nebula.desync.catar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference vectors of the SipHash paper (key 00..0f, messages 00, 00 01, ...). */
class SipHash24Test {
  private static final long K0 = 0x0706050403020100L;
  private static final long K1 = 0x0f0e0d0c0b0a0908L;

  private static byte[] message(int length) {
    byte[] m = new byte[length];
    for (int i = 0; i < length; i++) {
      m[i] = (byte) i;
    }
    return m;
  }

  @Test
  void matchesThePapersVectors() {
    assertThat(SipHash24.hash(K0, K1, message(0))).isEqualTo(0x726fdb47dd0e0e31L);
    assertThat(SipHash24.hash(K0, K1, message(8))).isEqualTo(0x93f5f5799a932462L);
    assertThat(SipHash24.hash(K0, K1, message(15))).isEqualTo(0xa129ca6149be45e5L);
  }
}

package dev.dltrack.trainer.nn;

import java.nio.FloatBuffer;

/**
 * The mask of ND4J's {@code DropOutInverted} random op (1.0.0-M2.1) applied to an array of ones,
 * computed in Java from the generator's state: the same floats, and the generator left in the same
 * state.
 *
 * <p>libnd4j draws element {@code i}'s number from the generator's two 64-bit states alone ({@code
 * RandomGenerator::xoroshiro32(i)}, a 32-bit draw made a float in [0, 1) by {@link #number}), keeps
 * the element, as {@code 1 / p}, where that number is below the keep probability {@code p}, and
 * after the op advances the generator's node state by the array's length ({@code rewindH}). The
 * number grows with the draw, so "the number is at least p" is one unsigned comparison of the draw
 * with a threshold found once. For a 128 x 256 mask the op (with the fill of ones before it) took
 * ~140 µs here, this loop ~40 µs compiled by C2 and ~66 µs by C1.
 */
final class InvertedDropoutMask {
  /** Elements per chunk. */
  private static final int CHUNK = 4096;

  private final float keep; // 1 / p, the op's value of a kept element of ones
  private final long threshold; // draws at or above it drop; 2^32: none does
  private final float[] chunk = new float[CHUNK];

  /** For keep probability {@code p}, as the op takes it (a float). */
  InvertedDropoutMask(double p) {
    float prob = (float) p;
    this.keep = 1f / prob;
    long lo = 0;
    long hi = 1L << 32; // the first draw at which the number reaches prob; 2^32: none does
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (number(mid) >= prob) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    this.threshold = lo;
  }

  /**
   * libnd4j's float in [0, 1) for the unsigned 32-bit draw {@code u}: its top 23 bits as the
   * mantissa of a float in [1, 2), minus 1 ({@code RandomGenerator::relativeT<float>}).
   */
  static float number(long u) {
    return Float.intBitsToFloat(0x3f800000 | (int) (u >>> 9)) - 1.0f;
  }

  /** libnd4j's draw for element {@code index} from the states {@code root} and {@code node}. */
  static int draw(long root, long node, long index) {
    long s0 = root | ((index + 2) * (node + 24243287L));
    long s1 = node ^ ((index + 2) * (s0 + 723829L));
    return Integer.rotateLeft((int) (s1 ^ s0) * 0x9E3779BB, 5) * 5;
  }

  /** The node state after an op on {@code length} elements ({@code RandomGenerator::rewindH}). */
  static long advanced(long node, long length) {
    int s0 = (int) node;
    int s1 = (int) (node >>> 32);
    s1 ^= s0;
    int v0 = Integer.rotateLeft(s0, 26) ^ s1 ^ (s1 << 9);
    int v1 = Integer.rotateLeft(s1, 13);
    long next = Integer.toUnsignedLong(v0) | ((long) v1 << 32);
    return next ^ (length ^ 0xdeadbeefL);
  }

  /** Writes the mask of {@code n} elements from index {@code at} of {@code out}. */
  void fill(FloatBuffer out, int at, int n, long root, long node) {
    for (int start = 0; start < n; start += CHUNK) {
      int len = Math.min(CHUNK, n - start);
      chunk(chunk, len, start, root, node, threshold, Float.floatToRawIntBits(keep));
      out.put(at + start, chunk, 0, len);
    }
  }

  private static void chunk(
      float[] m, int len, long first, long root, long node, long threshold, int keepBits) {
    for (int i = 0; i < len; i++) {
      int draw = draw(root, node, first + i);
      // without a branch (a fifth of them would be mispredicted): all ones where the draw is
      // below the threshold, the element kept
      long below = (Integer.toUnsignedLong(draw) - threshold) >> 63;
      m[i] = Float.intBitsToFloat((int) below & keepBits);
    }
  }
}

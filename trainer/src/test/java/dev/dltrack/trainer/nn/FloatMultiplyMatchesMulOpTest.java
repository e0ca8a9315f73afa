package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link FloatMultiply} gives ND4J's {@code MulOp}, float bit for float bit, special values too.
 */
class FloatMultiplyMatchesMulOpTest {
  private static final float[] SPECIAL = {
    0f,
    -0f,
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MIN_NORMAL,
    Float.MAX_VALUE,
    1.25f,
    -1f
  };

  private final FloatMultiply multiply = new FloatMultiply();

  @Test
  void theProductIsTheOpsBitForBit() {
    SplittableRandom random = new SplittableRandom(43);
    for (int trial = 0; trial < 20; trial++) {
      int rows = 1 + random.nextInt(130);
      int cols = 1 + random.nextInt(300); // products of more than one chunk too
      INDArray a = values(random, rows, cols);
      INDArray b = values(random, rows, cols);
      INDArray expected = a.ulike();
      Nd4j.getExecutioner().exec(new MulOp(a, b, expected));
      INDArray actual = a.ulike();
      assertThat(multiply.into(a, b, actual)).isTrue();
      assertThat(FloatBits.of(actual)).as("%d x %d", rows, cols).isEqualTo(FloatBits.of(expected));
      // in place, as dropout's backward pass may be called
      INDArray inPlace = a.dup();
      assertThat(multiply.into(inPlace, b, inPlace)).isTrue();
      assertThat(FloatBits.of(inPlace))
          .as("%d x %d in place", rows, cols)
          .isEqualTo(FloatBits.of(expected));
    }
  }

  @Test
  void viewsWithGapsAndOtherTypesAreLeftToNd4j() {
    INDArray a = Nd4j.rand(DataType.FLOAT, 8, 6);
    INDArray column = a.getColumn(2);
    INDArray untouched = column.dup();
    assertThat(multiply.into(column, column.dup(), column)).isFalse();
    assertThat(column).isEqualTo(untouched);
    INDArray doubles = Nd4j.rand(DataType.DOUBLE, 4, 4);
    assertThat(multiply.into(doubles, doubles, doubles.ulike())).isFalse();
    INDArray other = Nd4j.rand(DataType.FLOAT, 6, 8);
    assertThat(multiply.into(a, other, a.ulike())).as("other shape").isFalse();
  }

  private static INDArray values(SplittableRandom random, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] =
          random.nextInt(8) == 0
              ? SPECIAL[random.nextInt(SPECIAL.length)]
              : (float) (random.nextDouble() * 4 - 2);
    }
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }
}

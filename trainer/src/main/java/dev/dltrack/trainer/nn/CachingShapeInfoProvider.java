package dev.dltrack.trainer.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

/**
 * ND4J's CPU shape-info provider with its cache extended to the method ND4J calls for every new
 * array and view: an array's shape information (a small native buffer, marked constant) is made
 * once per distinct shape, stride, order and data type instead of once per array.
 *
 * <p>ND4J 1.0.0-M2.1's {@link DirectShapeInfoProvider} caches only the overload that takes the
 * options as bits; arrays are created through the one that takes a data type, which it leaves
 * uncached. So each of the study's training iterations made about 110 of these buffers, each
 * registered with ND4J's deallocator service (a phantom reference, a map entry keyed by a new
 * string, a native allocation and free), and every one of them survived a garbage collection before
 * it could be freed: a sixth of the process's CPU time went to them (issue 22). Shape buffers are
 * immutable constants to ND4J (its own cache shares them between arrays), so sharing them changes
 * no value.
 *
 * <p>Install it before ND4J starts, with the system property {@code
 * -Dshapeinfoprovider=dev.dltrack.trainer.nn.CachingShapeInfoProvider} ({@code native-settings}
 * does for the training JVMs). At most {@value #MAX_ENTRIES} shapes are kept (as ND4J's cache);
 * shapes beyond those are made as before, uncached.
 */
public final class CachingShapeInfoProvider extends DirectShapeInfoProvider {
  static final int MAX_ENTRIES = 4096;

  private final Map<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(
      long[] shape,
      long[] stride,
      long elementWiseStride,
      char order,
      DataType type,
      boolean empty) {
    Key key = new Key(shape, stride, elementWiseStride, order, type, empty);
    Pair<DataBuffer, long[]> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Pair<DataBuffer, long[]> made =
        super.createShapeInformation(shape, stride, elementWiseStride, order, type, empty);
    if (cache.size() >= MAX_ENTRIES) {
      return made;
    }
    Pair<DataBuffer, long[]> raced = cache.putIfAbsent(key.copy(), made);
    return raced != null ? raced : made;
  }

  /** How many shapes are cached: for tests. */
  int cachedShapes() {
    return cache.size();
  }

  /** A shape's description; its arrays are the caller's until {@link #copy()}. */
  private static final class Key {
    private final long[] shape;
    private final long[] stride;
    private final long elementWiseStride;
    private final char order;
    private final DataType type;
    private final boolean empty;
    private final int hash;

    Key(
        long[] shape,
        long[] stride,
        long elementWiseStride,
        char order,
        DataType type,
        boolean empty) {
      this.shape = shape;
      this.stride = stride;
      this.elementWiseStride = elementWiseStride;
      this.order = order;
      this.type = type;
      this.empty = empty;
      int h = Arrays.hashCode(shape);
      h = 31 * h + Arrays.hashCode(stride);
      h = 31 * h + Long.hashCode(elementWiseStride);
      h = 31 * h + order;
      h = 31 * h + type.hashCode();
      this.hash = 31 * h + Boolean.hashCode(empty);
    }

    /** The key with its own arrays: a caller may change its arrays after the call. */
    Key copy() {
      return new Key(shape.clone(), stride.clone(), elementWiseStride, order, type, empty);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key k)) {
        return false;
      }
      return hash == k.hash
          && elementWiseStride == k.elementWiseStride
          && order == k.order
          && empty == k.empty
          && type == k.type
          && Arrays.equals(shape, k.shape)
          && Arrays.equals(stride, k.stride);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}

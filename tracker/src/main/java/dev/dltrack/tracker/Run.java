package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Strings.lenientFormat;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Throwables;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.dltrack.tracker.internal.AsyncRecordWriter;
import dev.dltrack.tracker.internal.HostName;
import dev.dltrack.tracker.internal.Names;
import dev.dltrack.tracker.internal.RecordWriter;
import dev.dltrack.tracker.internal.RunLock;
import dev.dltrack.tracker.internal.StorePublisher;
import dev.dltrack.tracker.internal.StoreRunLock;
import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import dev.dltrack.tracker.spi.SinkProvider;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStoreProvider;
import dev.dltrack.tracker.storage.LogStores;
import dev.dltrack.tracker.storage.StoredObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run being logged: scalars, histograms, text, summary metrics, images, PR curves,
 * embeddings and a Custom Scalars layout, written as TensorBoard event files (and the projector's
 * files) and a W&amp;B-style run log under {@code <logRoot>/<name>/}.
 *
 * <pre>{@code
 * try (Run run = Run.builder("he-normal").config(Map.of("lr", 1e-3)).open()) {
 *   for (long step = 0; step < 100; step++) {
 *     run.scalar("train/loss", step, loss(step));
 *   }
 * }
 * }</pre>
 *
 * <p>Every method is thread-safe. Logging methods return as soon as the record is queued; encoding
 * and file I/O happen on a background thread. When the queue is full they wait (nothing is
 * dropped), and they never throw for I/O: an I/O failure is logged once and rethrown from {@link
 * #flush()} and {@link #close()}. Logging after {@link #close()} throws {@link
 * IllegalStateException}.
 *
 * <p>{@link #close()} ends the run as {@link RunStatus#SUCCESS}; {@link #fail(Throwable)} ends it
 * as {@link RunStatus#FAILURE}; {@link Builder#track} does either around a body of code. A run
 * still open when the JVM exits normally is flushed and closed by a shutdown hook (with status
 * {@link RunStatus#UNKNOWN}).
 */
public final class Run implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Run.class);

  private final RunInfo info;
  private final InstantSource clock;
  private final int histogramBuckets;
  private final RecordWriter writer;
  private final Names names = new Names();
  private final Set<String> warnedEmpty = ConcurrentHashMap.newKeySet();
  private final AtomicLong latestStep = new AtomicLong();
  private final Thread shutdownHook;
  private final RunLock lock;
  private final String location;
  private final Object closeLock = new Object();
  private volatile boolean closed;

  private Run(
      RunInfo info,
      List<Sink> sinks,
      RunLock lock,
      StorePublisher publisher,
      Duration flushInterval,
      Builder b) {
    this.info = info;
    this.clock = b.clock;
    this.histogramBuckets = b.histogramBuckets;
    this.lock = lock;
    this.location = publisher != null ? publisher.location() : info.directory().toString();
    this.writer =
        new AsyncRecordWriter(
            info.name(), sinks, b.queueCapacity, flushInterval, b.closeTimeout, publisher);
    this.shutdownHook = new Thread(this::closeAtExit, "dltrack-shutdown-" + info.name());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts describing a run called {@code name}; it becomes the directory {@code <root>/<name>}.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A run that writes nothing, for code that runs with tracking off and calls the same API as with
   * it on. Its logging methods check their arguments as an open run's do, and throw {@link
   * IllegalStateException} once it is closed; but it creates no directory or file, takes no lock,
   * starts no thread and registers no shutdown hook, and {@link #flush()} and {@link #close()} only
   * mark it flushed or closed. Its {@link #directory()} is where {@code builder(name).open()} would
   * have written, {@code logs/<name>}, which it never creates; its {@link #config()} is empty.
   *
   * @param name the run's name, checked as {@link #builder(String)} checks it
   * @return a new open run that writes nothing
   */
  public static Run noop(String name) {
    return new Run(Names.checkRunName(name));
  }

  /** A no-op run: no sinks behind the writer, no lock, and a shutdown hook never registered. */
  private Run(String name) {
    this.clock = InstantSource.system();
    this.histogramBuckets = Histogram.DEFAULT_BUCKETS;
    this.info =
        new RunInfo(
            name,
            Builder.DEFAULT_LOG_ROOT.resolve(name),
            Map.of(),
            name,
            Optional.empty(),
            clock.millis() / 1000.0,
            "",
            List.of(),
            "");
    this.writer = RecordWriter.NONE;
    this.lock = null;
    this.location = info.directory().toString();
    // never started nor registered: removing it at the end is a no-op
    this.shutdownHook = new Thread(() -> {}, "dltrack-noop-" + name);
  }

  public String name() {
    return info.name();
  }

  /** Where the run lies: its directory, or on a store its URI ({@code s3://bucket/logs/<name>}). */
  public String location() {
    return location;
  }

  /**
   * The run's directory, {@code <logRoot>/<name>}. For a run on a store, the local spool its files
   * are written to and stored from at every flush (deleted once the run is closed and stored).
   */
  public Path directory() {
    return info.directory();
  }

  /** The run's configuration (hyperparameters), in the order given. */
  public Map<String, Object> config() {
    return info.config();
  }

  /**
   * Logs {@code value} for {@code tag} at {@code step}. NaN and infinities are logged as they are.
   */
  public void scalar(String tag, long step, double value) {
    writer.submit(new RunRecord.Scalar(tag(tag), step(step), now(), value));
  }

  /**
   * Logs a histogram of {@code values}, computed here (so the caller may reuse the array at once).
   * NaN and infinite values are left out and their count is logged as the scalar {@code
   * <tag>/nonfinite}. An empty array logs nothing and warns once per tag.
   */
  public void histogram(String tag, long step, double[] values) {
    requireNonNull(values, "values");
    String clean = tag(tag);
    if (values.length == 0) {
      warnEmpty(clean);
      return;
    }
    histogram(clean, step, Histogram.of(values, histogramBuckets));
  }

  /** As {@link #histogram(String, long, double[])}, for float data. */
  public void histogram(String tag, long step, float[] values) {
    requireNonNull(values, "values");
    String clean = tag(tag);
    if (values.length == 0) {
      warnEmpty(clean);
      return;
    }
    histogram(clean, step, Histogram.of(values, histogramBuckets));
  }

  /** Logs a precomputed histogram. */
  public void histogram(String tag, long step, Histogram histogram) {
    requireNonNull(histogram, "histogram");
    String clean = tag(tag);
    step(step);
    double now = now();
    if (histogram.nonFiniteCount() > 0) {
      writer.submit(
          new RunRecord.Scalar(clean + "/nonfinite", step, now, histogram.nonFiniteCount()));
    }
    if (histogram.isEmpty()) {
      warnEmpty(clean);
      return;
    }
    writer.submit(new RunRecord.HistogramValue(clean, step, now, histogram));
  }

  /** Logs a markdown text for {@code tag} at {@code step}. */
  public void text(String tag, long step, String markdown) {
    requireNonNull(markdown, "markdown");
    writer.submit(new RunRecord.Text(tag(tag), step(step), now(), markdown));
  }

  /**
   * Logs an image for {@code tag} at {@code step} (TensorBoard's Images dashboard; a W&amp;B {@code
   * image-file}). Logging again at the same step adds nothing new to TensorBoard's slider: it shows
   * the last.
   */
  public void image(String tag, long step, ImageData image) {
    requireNonNull(image, "image");
    images(tag, step, List.of(image));
  }

  /** Logs the pixels of {@code image}, copied here; see {@link ImageData#of(BufferedImage)}. */
  public void image(String tag, long step, BufferedImage image) {
    requireNonNull(image, "image");
    String clean = tag(tag);
    image(clean, step, checked("image", clean, step, () -> ImageData.of(image)));
  }

  /**
   * Logs a grey image of float pixels {@code [h][w]} that lie in {@code range} ({@code range.low}
   * black, {@code range.high} white).
   *
   * @throws IllegalArgumentException naming the tag, if rows differ in length, the image is empty,
   *     or a pixel is NaN or outside {@code range}
   */
  public void image(String tag, long step, float[][] grey, PixelRange range) {
    requireNonNull(grey, "grey");
    String clean = tag(tag);
    checkRange(clean, step, range);
    image(clean, step, checked("image", clean, step, () -> ImageData.grey(grey, range)));
  }

  /**
   * Logs an image of float pixels {@code [h][w][c]} ({@code c} = 1, 3 or 4: grey, RGB, RGBA) that
   * lie in {@code range}.
   *
   * @throws IllegalArgumentException naming the tag, for a wrong shape, NaN, or a pixel outside
   *     {@code range}
   */
  public void image(String tag, long step, float[][][] pixels, PixelRange range) {
    requireNonNull(pixels, "pixels");
    String clean = tag(tag);
    checkRange(clean, step, range);
    image(clean, step, checked("image", clean, step, () -> ImageData.of(pixels, range)));
  }

  /** Logs a grey image of unsigned bytes {@code [h][w]} (0 black, 255 white). */
  public void image(String tag, long step, byte[][] grey) {
    requireNonNull(grey, "grey");
    String clean = tag(tag);
    image(clean, step, checked("image", clean, step, () -> ImageData.grey(grey)));
  }

  /**
   * Logs a batch of images for {@code tag} at {@code step}, all of one size (TensorBoard's
   * dashboard shows them as samples 0, 1, ...; W&amp;B as {@code images/separated}). To show many
   * small images as one, log {@link ImageData#grid} of them instead.
   *
   * @throws IllegalArgumentException naming the tag, if {@code images} is empty or mixes sizes
   */
  public void images(String tag, long step, List<ImageData> images) {
    requireNonNull(images, "images");
    String clean = tag(tag);
    step(step);
    checkArgument(!images.isEmpty(), "images '%s' at step %s: no images given", clean, step);
    ImageData first = requireNonNull(images.get(0), "image 0");
    for (int i = 1; i < images.size(); i++) {
      ImageData im = images.get(i);
      if (im == null) {
        throw new NullPointerException("image " + i);
      }
      if (!first.sameShape(im)) {
        throw new IllegalArgumentException(
            lenientFormat(
                "images '%s' at step %s must have one size: image 0 is %s, image %s is %s",
                clean, step, first.describe(), i, im.describe()));
      }
    }
    writer.submit(new RunRecord.Images(clean, step, now(), images));
  }

  /**
   * Declares the run's layout of TensorBoard's Custom Scalars dashboard (the last one logged
   * counts). W&amp;B's files have no counterpart: the W&amp;B output ignores it.
   */
  public void layout(Layout layout) {
    requireNonNull(layout, "layout");
    checkOpen();
    writer.submit(new RunRecord.LayoutValue(layout, now()));
  }

  /**
   * Logs the precision-recall curve of a binary prediction at {@value PrCurve#DEFAULT_THRESHOLDS}
   * thresholds: {@code labels[i]} whether example {@code i} is positive, {@code probabilities[i]}
   * the predicted probability that it is. Computed here; the caller may reuse its arrays.
   *
   * @throws IllegalArgumentException naming the tag, if the arrays are empty or differ in length,
   *     or a probability is outside [0, 1]
   */
  public void prCurve(String tag, long step, boolean[] labels, float[] probabilities) {
    prCurve(tag, step, labels, probabilities, PrCurve.DEFAULT_THRESHOLDS);
  }

  /** As {@link #prCurve(String, long, boolean[], float[])} with {@code thresholds} thresholds. */
  public void prCurve(
      String tag, long step, boolean[] labels, float[] probabilities, int thresholds) {
    requireNonNull(labels, "labels");
    requireNonNull(probabilities, "probabilities");
    String clean = tag(tag);
    step(step);
    prCurve(
        clean,
        step,
        checked("PR curve", clean, step, () -> PrCurve.of(labels, probabilities, thresholds)));
  }

  /** Logs a precomputed precision-recall curve (see {@link PrCurve#ofCounts}). */
  public void prCurve(String tag, long step, PrCurve curve) {
    requireNonNull(curve, "curve");
    writer.submit(new RunRecord.PrCurveValue(tag(tag), step(step), now(), curve));
  }

  /**
   * Logs one precision-recall curve per class of a multi-class prediction, as {@code <tag>/<class
   * name>}, at {@value PrCurve#DEFAULT_THRESHOLDS} thresholds; see {@link PrCurve#perClass}. {@code
   * classNames} names the columns of {@code probabilities}.
   *
   * @throws IllegalArgumentException naming the tag, if the inputs are empty or their lengths
   *     disagree, a label is not a class, or a probability is outside [0, 1]
   */
  public void prCurves(
      String tag, long step, int[] labels, float[][] probabilities, List<String> classNames) {
    prCurves(tag, step, labels, probabilities, classNames, PrCurve.DEFAULT_THRESHOLDS);
  }

  /**
   * As {@link #prCurves(String, long, int[], float[][], List)} with {@code thresholds} thresholds.
   */
  public void prCurves(
      String tag,
      long step,
      int[] labels,
      float[][] probabilities,
      List<String> classNames,
      int thresholds) {
    requireNonNull(labels, "labels");
    requireNonNull(probabilities, "probabilities");
    requireNonNull(classNames, "classNames");
    String clean = tag(tag);
    step(step);
    List<PrCurve> curves =
        checked(
            "PR curves", clean, step, () -> PrCurve.perClass(labels, probabilities, thresholds));
    checkArgument(
        classNames.size() == curves.size(),
        "PR curves '%s' at step %s: %s class names for %s classes of probabilities",
        clean,
        step,
        classNames.size(),
        curves.size());
    List<String> tags = new ArrayList<>(curves.size());
    for (String c : classNames) {
      checkArgument(
          c != null && !c.isBlank(),
          "PR curves '%s': class name must not be blank: '%s'",
          clean,
          c);
      tags.add(tag(clean + "/" + c));
    }
    double now = now();
    for (int c = 0; c < curves.size(); c++) {
      writer.submit(new RunRecord.PrCurveValue(tags.get(c), step, now, curves.get(c)));
    }
  }

  /**
   * Logs an embedding for TensorBoard's projector (and a W&amp;B table) as {@code tag} at {@code
   * step}; a run may log several, under several tags and steps.
   *
   * @throws IllegalArgumentException naming the tag, if the embedding's parts do not agree (see
   *     {@link Embedding#check()})
   */
  public void embedding(String tag, long step, Embedding embedding) {
    requireNonNull(embedding, "embedding");
    String clean = tag(tag);
    step(step);
    checked("embedding", clean, step, embedding::check);
    writer.submit(new RunRecord.EmbeddingValue(clean, step, now(), embedding));
  }

  private static void checkRange(String tag, long step, PixelRange range) {
    checkArgument(
        range != null,
        "image '%s' at step %s: float pixels need a stated range (PixelRange.UNIT, "
            + "PixelRange.of(low, high) or PixelRange.symmetric(maxAbs))",
        tag,
        step);
  }

  /** Runs {@code make}, naming the kind, tag and step in any IllegalArgumentException it throws. */
  private static <T> T checked(String kind, String tag, long step, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          kind + " '" + tag + "' at step " + step + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets a summary metric: a value for the run as a whole (a final test accuracy, say). It is
   * written into the W&amp;B summary and as a TensorBoard scalar at the run's latest step, so that
   * TensorBoard's HParams dashboard can show it.
   */
  public void summary(String key, double value) {
    writer.submit(new RunRecord.Summary(tag(key), latestStep.get(), now(), value));
  }

  /**
   * Waits until everything logged before this call is written to disk, or for a run on a store,
   * stored there.
   */
  public void flush() throws IOException {
    checkOpen();
    writer.flush();
  }

  /** Ends the run as {@link RunStatus#SUCCESS}. Idempotent. */
  @Override
  public void close() throws IOException {
    end(RunStatus.SUCCESS, "");
  }

  /**
   * Ends the run as {@link RunStatus#FAILURE}, logging {@code cause} as the text {@code failure}.
   * Idempotent with {@link #close()}: whichever comes first decides the status.
   */
  public void fail(Throwable cause) throws IOException {
    fail(Throwables.getStackTraceAsString(cause));
  }

  /**
   * Ends the run as {@link RunStatus#FAILURE} with a reason, logged as the text {@code failure}.
   */
  public void fail(String reason) throws IOException {
    requireNonNull(reason, "reason");
    end(RunStatus.FAILURE, reason);
  }

  /**
   * Ends the run with {@code status} and {@code reason} (empty for none). The first call wins;
   * later ones return at once. Whatever is logged concurrently is either written before the end or
   * refused with {@link IllegalStateException}. Waits at most the close timeout for the files.
   */
  public void end(RunStatus status, String reason) throws IOException {
    requireNonNull(status, "status");
    requireNonNull(reason, "reason");
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List<RunRecord> last =
        status == RunStatus.FAILURE && !reason.isEmpty()
            ? List.of(
                new RunRecord.Text("failure", latestStep.get(), now(), "```\n" + reason + "\n```"))
            : List.of();
    try {
      writer.close(last, new RunRecord.End(status, now(), reason));
    } finally {
      if (lock != null) { // null for a no-op run
        lock.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // closed from within the shutdown: nothing to remove
      }
    }
  }

  public boolean isClosed() {
    return closed;
  }

  private void closeAtExit() {
    if (closed) {
      return;
    }
    log.warn("run '{}' was not closed; closing it at JVM exit", info.name());
    try {
      end(RunStatus.UNKNOWN, "");
    } catch (IOException e) {
      log.error("closing run '{}' at JVM exit failed", info.name(), e);
    }
  }

  private String tag(String tag) {
    checkOpen();
    return names.cleanTag(tag);
  }

  private long step(long step) {
    checkArgument(step >= 0, "step must be >= 0: %s", step);
    latestStep.accumulateAndGet(step, Math::max);
    return step;
  }

  private double now() {
    return clock.millis() / 1000.0;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("run '" + info.name() + "' is closed");
    }
  }

  private void warnEmpty(String tag) {
    if (warnedEmpty.add(tag)) {
      log.warn("run '{}': histogram '{}' has no finite values; nothing logged", info.name(), tag);
    }
  }

  @Override
  public String toString() {
    return "Run{" + info.name() + " in " + location + "}";
  }

  /**
   * Whether {@code <logRoot>/<name>} holds a run, as {@link Builder#open()} decides before it
   * applies {@link IfExists}: a directory with any entry whose name does not start with a dot
   * (hidden files, such as a file system's own or an older lock file, are no run).
   */
  public static boolean exists(Path logRoot, String name) throws IOException {
    requireNonNull(logRoot, "logRoot");
    return holdsRun(logRoot.resolve(Names.checkRunName(name)));
  }

  /**
   * Whether the run {@code name} exists under {@code logRoot}, a local directory or a store's URI
   * ({@code s3://bucket/logs}): on a store, whether any object lies under {@code <logRoot>/<name>/}
   * whose name does not start with a dot.
   */
  public static boolean exists(String logRoot, String name) throws IOException {
    return !existing(logRoot, List.of(name)).isEmpty();
  }

  /**
   * Those of the runs {@code names} that exist under {@code logRoot}, in their order, as {@link
   * #exists(String, String)} decides: a store is opened once for all of them.
   */
  public static List<String> existing(String logRoot, List<String> names) throws IOException {
    requireNonNull(logRoot, "logRoot");
    List<String> existing = new ArrayList<>();
    if (!LogStores.isStore(logRoot)) {
      for (String name : names) {
        if (exists(LogStores.localPath(logRoot), name)) {
          existing.add(name);
        }
      }
      return existing;
    }
    try (LogStore store = LogStores.open(logRoot, Map.of())) {
      for (String name : names) {
        if (!runObjects(store, Names.checkRunName(name)).isEmpty()) {
          existing.add(name);
        }
      }
    }
    return existing;
  }

  /** The keys on {@code store} that make {@code name} a run. */
  private static List<String> runObjects(LogStore store, String name) throws IOException {
    String prefix = name + "/";
    return store.list(prefix).stream()
        .map(StoredObject::key)
        .filter(k -> !k.substring(prefix.length()).startsWith("."))
        .toList();
  }

  private static boolean holdsRun(Path dir) throws IOException {
    return Files.isDirectory(dir) && !runEntries(dir).isEmpty();
  }

  /** The names in {@code dir} that make it a run, sorted. */
  private static List<String> runEntries(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** A body of code that logs into a run. */
  @FunctionalInterface
  public interface Body {
    void accept(Run run) throws Exception;
  }

  /** Describes a run to open. Settings are checked as they are made. */
  public static final class Builder {
    /** The log root runs go to unless told otherwise. */
    public static final Path DEFAULT_LOG_ROOT = Path.of("logs");

    /** How often the background writer flushes to disk unless asked to. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);

    /**
     * How often a run on a store is flushed and stored unless asked to: each flush that brings new
     * records adds an object per growing file, and TensorBoard's reload lists and reads every
     * object of a run, so its cost grows with their number; one a minute makes 60 objects per file
     * in an hour.
     */
    public static final Duration DEFAULT_STORE_FLUSH_INTERVAL = Duration.ofSeconds(60);

    /**
     * How many bytes waiting to be stored make a run on a store flush before its interval: a run
     * that logs fast sends as it goes (in objects of about this size) instead of all at once at the
     * close; a training loop's few values a step never come near it.
     */
    public static final long DEFAULT_STORE_FLUSH_BYTES = 64L << 20;

    /** How many records may wait for the background writer before logging blocks. */
    public static final int DEFAULT_QUEUE_CAPACITY = 16_384;

    /** How long {@code flush()} and {@code close()} wait for the files unless told otherwise. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private Path logRoot = DEFAULT_LOG_ROOT;
    private String storeRoot;
    private String lockOwner = "";
    private final Map<String, Object> config = new LinkedHashMap<>();
    private String group;
    private Experiment experiment;
    private List<String> formats;
    private Duration flushInterval;
    private long storeFlushBytes = DEFAULT_STORE_FLUSH_BYTES;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private IfExists ifExists = IfExists.FAIL;
    private int histogramBuckets = Histogram.DEFAULT_BUCKETS;
    private InstantSource clock = InstantSource.system();
    private String program;
    private List<String> args;
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Names.checkRunName(name);
    }

    /** Where the run's directory goes; default {@code logs}. */
    public Builder logRoot(Path logRoot) {
      this.logRoot = requireNonNull(logRoot, "logRoot");
      this.storeRoot = null;
      return this;
    }

    /**
     * Where the run goes: a local directory, or a store's URI, {@code s3://bucket/prefix} (with
     * {@code dev.dltrack:tracker-s3}) or {@code hdfs://namenode/path} and the other file systems
     * Hadoop is configured for ({@code dev.dltrack:tracker-hadoop}). A run on a store is written to
     * a local spool and stored at every flush, explicit or on the interval (default {@link
     * #DEFAULT_STORE_FLUSH_INTERVAL} there), and at the close. Options of the store are set with
     * {@link #option}, such as {@code s3.endpoint}.
     *
     * @throws IllegalArgumentException if {@code location} is a malformed URI
     */
    public Builder logRoot(String location) {
      requireNonNull(location, "location");
      if (LogStores.isStore(location)) {
        LogStores.toUri(location); // checked now
        this.storeRoot = location;
      } else {
        this.logRoot = LogStores.localPath(location);
        this.storeRoot = null;
      }
      return this;
    }

    /** As {@link #logRoot(String)}. */
    public Builder logRoot(URI location) {
      return logRoot(requireNonNull(location, "location").toString());
    }

    /**
     * Names the logical writer of the run on a store, such as a Spark task of a sweep: a writer
     * with the same owner takes over the run's lock at once, even before its lease runs out,
     * because it is a retry of a writer that died. Use with {@link #overwrite()} to replace what
     * that writer stored. Default: none, so only an expired lock is taken over.
     */
    public Builder lockOwner(String owner) {
      this.lockOwner = requireNonNull(owner, "owner");
      return this;
    }

    /** Adds hyperparameters; values must be strings, booleans or numbers. */
    public Builder config(Map<String, ?> config) {
      config.forEach(this::config);
      return this;
    }

    /** Adds one hyperparameter; its value must be a string, boolean or number. */
    public Builder config(String key, Object value) {
      checkArgument(key != null && !key.isBlank(), "config key must not be blank: '%s'", key);
      requireNonNull(value, () -> "config value of '" + key + "' is null");
      checkArgument(
          value instanceof String || value instanceof Boolean || value instanceof Number,
          "config value of '%s' must be a string, boolean or number, not %s: %s",
          key,
          value.getClass().getSimpleName(),
          value);
      config.put(key, value);
      return this;
    }

    /**
     * The hparams group: runs that differ only by seed share one, so TensorBoard aggregates them.
     * Default: the run name.
     */
    public Builder group(String group) {
      checkArgument(group != null && !group.isBlank(), "group must not be blank: '%s'", group);
      this.group = group;
      return this;
    }

    /** Declares the experiment this run belongs to (see {@link Experiment}). */
    public Builder experiment(Experiment experiment) {
      this.experiment = requireNonNull(experiment, "experiment");
      return this;
    }

    /** Which output formats to write, by name; default every format on the class path. */
    public Builder formats(String... formats) {
      checkArgument(formats.length > 0, "at least one format is needed");
      this.formats = List.of(formats);
      return this;
    }

    /**
     * Sets an option of one output format, {@code <format>.<option>}: {@code wandb.project} and
     * {@code wandb.entity} say where {@code wandb sync} uploads the run (default: the environment
     * variables {@code WANDB_PROJECT} and {@code WANDB_ENTITY}, as {@code wandb} reads them).
     * Options go to the format's sink as they are; one that the format does not take, or of a
     * format that is not on the class path, fails {@link #open()} before anything is written.
     */
    public Builder option(String key, String value) {
      checkArgument(
          key != null && key.matches("[a-z0-9_-]+\\.[A-Za-z0-9_.-]+"),
          "option key must be <format>.<option>, like wandb.project: '%s'",
          key);
      requireNonNull(value, () -> "value of option '" + key + "' is null");
      options.put(key, value);
      return this;
    }

    /**
     * How often to flush to disk in the background; default 5 s, and {@link
     * #DEFAULT_STORE_FLUSH_INTERVAL} for a run on a store.
     */
    public Builder flushInterval(Duration interval) {
      this.flushInterval = positive(interval, "flush interval");
      return this;
    }

    /**
     * For a run on a store: how many bytes of files waiting to be stored make it flush before its
     * interval; default {@link #DEFAULT_STORE_FLUSH_BYTES}. Flushes on the interval or by size are
     * stored in the background while logging goes on.
     */
    public Builder storeFlushBytes(long bytes) {
      checkArgument(bytes > 0, "store flush bytes must be positive: %s", bytes);
      this.storeFlushBytes = bytes;
      return this;
    }

    /** How many records may be queued before logging blocks; default 16384. */
    public Builder queueCapacity(int capacity) {
      checkArgument(capacity >= 1, "queue capacity must be >= 1: %s", capacity);
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * How long {@link Run#flush()} and {@link Run#close()} wait for the files before they give up
     * with an {@link IOException} that says which output had not confirmed and how many records it
     * had not written; default 30 s.
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = positive(timeout, "close timeout");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      checkArgument(
          d != null && !d.isNegative() && !d.isZero(), "%s must be positive: %s", what, d);
      return d;
    }

    /**
     * Appends to the run if its directory already holds one: new event files beside the old ones
     * (TensorBoard shows both histories in one run), new rows after the old W&amp;B history. For
     * continuing a run that stopped, with steps that carry on where it stopped.
     */
    public Builder resume() {
      return ifExists(IfExists.RESUME);
    }

    /**
     * Deletes what the run's directory holds before writing the run anew: for running the same
     * experiment again under the same name. Everything in the directory is deleted.
     */
    public Builder overwrite() {
      return ifExists(IfExists.OVERWRITE);
    }

    /**
     * What to do when the run's directory already holds a run ({@link Run#exists}); default {@link
     * IfExists#FAIL}.
     */
    public Builder ifExists(IfExists policy) {
      this.ifExists = requireNonNull(policy, "policy");
      return this;
    }

    /** Buckets of histograms computed from values; default 64, at most 512. */
    public Builder histogramBuckets(int buckets) {
      checkArgument(
          buckets >= 1 && buckets <= Histogram.MAX_BUCKETS,
          "histogram buckets must be in [1, %s]: %s",
          Histogram.MAX_BUCKETS,
          buckets);
      this.histogramBuckets = buckets;
      return this;
    }

    /** The clock for wall times; default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The program and arguments recorded in the run's metadata; default this JVM's command. */
    public Builder program(String program, List<String> args) {
      this.program = requireNonNull(program, "program");
      this.args = List.copyOf(args);
      return this;
    }

    /**
     * Creates the run's directory and files and starts logging.
     *
     * <p>Opening is atomic with respect to every other writer of the same run: the run is locked
     * ({@code <logRoot>/.dltrack/<name>.lock}) before anything else happens, so of several writers
     * opening it at once, in this JVM or in other processes, exactly one proceeds and every other
     * fails here with a {@link RunLockedException} naming the holder, having changed nothing. The
     * lock is held until the run is closed. A directory that already holds a run ({@link
     * Run#exists}) is then refused unless {@link #ifExists} says what to do with it. When opening
     * fails, nothing is left behind that was not there before, bar the lock file.
     */
    public Run open() throws IOException {
      checkOptions();
      if (storeRoot != null) {
        return openOnStore();
      }
      Path dir = logRoot.resolve(name);
      checkNothingInTheWay(dir);
      // the lock comes first: until it is held, this writer changes nothing in the run
      RunLock lock = RunLock.acquire(logRoot, name, HostName.get(), clock.instant());
      boolean created = false;
      try {
        checkNothingInTheWay(dir);
        created = !Files.isDirectory(dir);
        Files.createDirectories(dir);
        prepare(dir);
        RunInfo info = info(dir);
        List<Sink> sinks = openSinks(info);
        return new Run(
            info,
            sinks,
            lock,
            null,
            flushInterval != null ? flushInterval : DEFAULT_FLUSH_INTERVAL,
            this);
      } catch (IOException | RuntimeException e) {
        // only what this writer created, and only while it holds the lock
        if (created) {
          deleteRecursivelyQuietly(dir, e);
        }
        lock.close();
        throw e;
      }
    }

    /**
     * Opens the run on a store: checks the store, takes the run's lock there, applies {@link
     * IfExists} to what the store holds, and writes the run into a local spool that is stored at
     * every flush, starting with the files the sinks write as they open.
     */
    private Run openOnStore() throws IOException {
      URI uri = LogStores.toUri(storeRoot);
      LogStore store = LogStores.open(storeRoot, storeOptions(uri.getScheme()));
      StoreRunLock lock = null;
      Path spoolRoot = null;
      try {
        store.check();
        lock =
            StoreRunLock.acquire(
                store, name, HostName.get(), lockOwner, clock, StoreRunLock.DEFAULT_LEASE);
        List<String> held = runObjects(store, name);
        if (!held.isEmpty() && ifExists == IfExists.FAIL) {
          throw new RunExistsException(
              String.format(
                  Locale.ROOT,
                  "run '%s' already exists on %s (%s%s): call resume() to append to it,"
                      + " overwrite() to replace it, or give this run another name",
                  name,
                  storeRoot,
                  String.join(", ", held.subList(0, Math.min(3, held.size()))),
                  held.size() > 3 ? ", ..." : ""));
        }
        if (!held.isEmpty() && ifExists == IfExists.OVERWRITE) {
          store.delete(store.list(name + "/").stream().map(StoredObject::key).toList());
        }
        spoolRoot = Files.createTempDirectory("dltrack-spool-");
        Path dir = Files.createDirectories(spoolRoot.resolve(name));
        StorePublisher publisher = new StorePublisher(store, name, dir, lock, storeFlushBytes);
        if (!held.isEmpty() && ifExists == IfExists.RESUME) {
          publisher.download();
        }
        RunInfo info = info(dir);
        List<Sink> sinks = openSinks(info);
        try {
          publisher.publish(); // the run's start, so that a run that crashes at once shows up
        } catch (IOException e) {
          for (Sink s : sinks) {
            try {
              s.close();
            } catch (IOException suppressed) {
              e.addSuppressed(suppressed);
            }
          }
          throw e;
        }
        return new Run(
            info,
            sinks,
            null,
            publisher,
            flushInterval != null ? flushInterval : DEFAULT_STORE_FLUSH_INTERVAL,
            this);
      } catch (IOException | RuntimeException e) {
        if (spoolRoot != null) {
          deleteRecursivelyQuietly(spoolRoot, e);
        }
        closeQuietly(lock, e);
        closeQuietly(store, e);
        throw e;
      }
    }

    private Map<String, String> storeOptions(String scheme) {
      String prefix = scheme.toLowerCase(Locale.ROOT) + ".";
      Map<String, String> forStore = new LinkedHashMap<>();
      options.forEach(
          (k, v) -> {
            if (k.startsWith(prefix)) {
              forStore.put(k.substring(prefix.length()), v);
            }
          });
      return forStore;
    }

    private static void closeQuietly(AutoCloseable c, Exception cause) {
      if (c == null) {
        return;
      }
      try {
        c.close();
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }

    private static void checkNothingInTheWay(Path dir) throws IOException {
      Path root = dir.getParent();
      if (root != null && Files.exists(root) && !Files.isDirectory(root)) {
        throw new FileAlreadyExistsException(
            root.toString(),
            null,
            "is a file, not a log root; remove it or choose another logRoot");
      }
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new FileAlreadyExistsException(
            dir.toString(),
            null,
            "is a file, not a run directory; remove or rename it, or give the run another name");
      }
    }

    /** Applies {@link IfExists} to a directory this run now holds the lock of. */
    private void prepare(Path dir) throws IOException {
      if (ifExists == IfExists.RESUME || !holdsRun(dir)) {
        return;
      }
      if (ifExists == IfExists.FAIL) {
        List<String> held = runEntries(dir);
        throw new RunExistsException(
            String.format(
                Locale.ROOT,
                "run '%s' already exists in %s (%s%s): call resume() to append to it, overwrite()"
                    + " to replace it, or give this run another name",
                name,
                dir,
                String.join(", ", held.subList(0, Math.min(3, held.size()))),
                held.size() > 3 ? ", ..." : ""));
      }
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path p : entries.toList()) {
          MoreFiles.deleteRecursively(p, RecursiveDeleteOption.ALLOW_INSECURE);
        }
      }
    }

    private RunInfo info(Path dir) {
      String[] command = commandLine();
      RunInfo info =
          new RunInfo(
              name,
              dir,
              config,
              group != null ? group : name,
              Optional.ofNullable(experiment),
              clock.millis() / 1000.0,
              program != null ? program : command[0],
              args != null ? args : Arrays.asList(command).subList(1, command.length),
              HostName.get(),
              options);
      return info;
    }

    private static void deleteRecursivelyQuietly(Path dir, Exception cause) {
      try {
        MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }

    /**
     * Opens the run, runs {@code body}, and ends the run as {@link RunStatus#SUCCESS}, or as {@link
     * RunStatus#FAILURE} if {@code body} throws, rethrowing what it threw.
     */
    public void track(Body body) throws Exception {
      Run run = open();
      try {
        body.accept(run);
      } catch (Exception | Error e) {
        try {
          run.fail(e);
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
      run.close();
    }

    private List<Sink> openSinks(RunInfo info) throws IOException {
      Map<String, SinkProvider> providers = new LinkedHashMap<>();
      for (SinkProvider p : ServiceLoader.load(SinkProvider.class, Run.class.getClassLoader())) {
        providers.put(p.name(), p);
      }
      List<String> wanted = formats != null ? formats : new ArrayList<>(providers.keySet());
      List<Sink> sinks = new ArrayList<>();
      try {
        for (String format : wanted) {
          SinkProvider p = providers.get(format);
          checkArgument(
              p != null,
              "unknown output format '%s'; known: %s",
              format,
              providers.keySet().stream().collect(Collectors.joining(", ")));
          sinks.add(p.open(info));
        }
      } catch (IOException | RuntimeException e) {
        for (Sink s : sinks) {
          try {
            s.discard();
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
      return sinks;
    }

    private void checkOptions() {
      if (options.isEmpty()) {
        return;
      }
      Map<String, SinkProvider> providers = new LinkedHashMap<>();
      for (SinkProvider p : ServiceLoader.load(SinkProvider.class, Run.class.getClassLoader())) {
        providers.put(p.name(), p);
      }
      for (String key : options.keySet()) {
        int dot = key.indexOf('.');
        String prefix = key.substring(0, dot);
        if (!providers.containsKey(prefix)) {
          Optional<LogStoreProvider> store = LogStores.provider(prefix);
          if (store.isPresent()) {
            checkArgument(
                store.get().options().contains(key.substring(dot + 1)),
                "log store '%s' has no option '%s'; it has: %s",
                prefix,
                key.substring(dot + 1),
                store.get().options().isEmpty()
                    ? "none"
                    : String.join(", ", new TreeSet<>(store.get().options())));
            continue;
          }
        }
        SinkProvider p = providers.get(prefix);
        checkArgument(
            p != null,
            "option '%s' is of an unknown output format; known: %s",
            key,
            String.join(", ", providers.keySet()));
        checkArgument(
            p.options().contains(key.substring(dot + 1)),
            "output format '%s' has no option '%s'; it has: %s",
            p.name(),
            key.substring(dot + 1),
            p.options().isEmpty() ? "none" : String.join(", ", new TreeSet<>(p.options())));
      }
    }

    private static String[] commandLine() {
      String command = System.getProperty("sun.java.command", "java");
      String[] parts = command.isBlank() ? new String[] {"java"} : command.split(" ");
      return parts;
    }
  }
}

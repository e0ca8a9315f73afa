package dev.dltrack.tracker.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.Session;
import dev.dltrack.tracker.read.TextPoint;
import dev.dltrack.tracker.tensorboard.proto.HParamInfo;
import dev.dltrack.tracker.tensorboard.proto.HParamsPluginData;
import dev.dltrack.tracker.tensorboard.proto.MetricInfo;
import dev.dltrack.tracker.tensorboard.proto.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.TensorProto;

/**
 * Static functions that read TensorBoard event files (for a whole log root, {@link
 * dev.dltrack.tracker.read.LogRoot#read} with {@link TensorBoardRunReader}). They read the way
 * TensorBoard 2.x does: every directory holding event files is a run named by its path relative to
 * the log root; a run's files are read in name order; legacy {@code simple_value} and {@code histo}
 * values are converted as TensorBoard's {@code data_compat} converts them; a tag's plugin is the
 * one its first value declares.
 *
 * <p>Reads what this library writes and what TensorBoard's and TensorFlow's own writers write.
 */
public final class TensorBoardRuns {
  private static final String SCALARS = "scalars";
  private static final String HISTOGRAMS = "histograms";

  private TensorBoardRuns() {}

  /**
   * The run in {@code dir}, named {@code name}. As TensorBoard does, a record that fails its CRC
   * ends the reading of its file (what came before is kept), and a record that does not make sense
   * (a histogram with NaN edges or negative counts, a garbled plugin payload) is skipped; each is
   * reported in {@link RunLog#warnings()} with the file, the byte offset and why.
   *
   * @param dir the run's directory
   * @param name the run's name
   * @return what the run logged
   * @throws IOException if a file cannot be listed or opened
   */
  public static RunLog readRun(Path dir, String name) throws IOException {
    RunLog.Builder run = RunLog.builder(name, dir);
    for (Path file : eventFiles(dir)) {
      readFile(file, run);
    }
    MediaDecoder.embeddings(dir, run);
    return run.build();
  }

  /**
   * The event files directly in {@code dir}, in name order.
   *
   * @param dir a directory
   * @return its event files
   * @throws IOException if it cannot be listed
   */
  public static List<Path> eventFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(EventFileWriter::isEventFile).sorted().collect(Collectors.toList());
    }
  }

  static boolean hasEventFiles(Path dir) {
    try {
      return !eventFiles(dir).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void readFile(Path file, RunLog.Builder run) throws IOException {
    Map<String, String> pluginByTag = new HashMap<>();
    try (TfRecordReader records = new TfRecordReader(file)) {
      while (true) {
        long offset = records.offset();
        byte[] payload;
        try {
          payload = records.next();
        } catch (CorruptEventFileException e) {
          run.warning(e.getMessage() + "; the rest of " + file.getFileName() + " is not read");
          break;
        }
        if (payload == null) {
          break;
        }
        Event event;
        try {
          event = Event.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
          run.warning(skipped(file, offset, "is not an Event: " + e.getMessage()));
          continue;
        }
        if (event.hasSummary()) {
          for (Summary.Value v : event.getSummary().getValueList()) {
            try {
              readValue(v, event.getStep(), event.getWallTime(), pluginByTag, run);
            } catch (IOException | RuntimeException e) {
              run.warning(
                  skipped(
                      file,
                      offset,
                      String.format(
                          Locale.ROOT,
                          "(tag '%s', step %d) does not make sense: %s",
                          v.getTag(),
                          event.getStep(),
                          e.getMessage())));
            }
          }
        }
      }
      if (records.truncatedAt() >= 0) {
        run.warning(
            file.getFileName()
                + ": last record at byte offset "
                + records.truncatedAt()
                + " is cut short (the writer was stopped mid-write); read up to it");
      }
    }
  }

  private static String skipped(Path file, long offset, String why) {
    return file.getFileName() + ": record at byte offset " + offset + " " + why + "; skipped";
  }

  private static void readValue(
      Summary.Value v,
      long step,
      double wallTime,
      Map<String, String> pluginByTag,
      RunLog.Builder run)
      throws IOException {
    String tag = v.getTag();
    switch (v.getValueCase()) {
      case SIMPLE_VALUE -> run.scalar(tag, new ScalarPoint(step, wallTime, v.getSimpleValue()));
      case HISTO ->
          legacyHistogram(v.getHisto())
              .ifPresent(h -> run.histogram(tag, new HistogramPoint(step, wallTime, h)));
      case TENSOR -> {
        String plugin =
            v.hasMetadata()
                ? pluginByTag.computeIfAbsent(
                    tag, t -> v.getMetadata().getPluginData().getPluginName())
                : pluginByTag.getOrDefault(tag, "");
        tensorValue(tag, plugin, v, step, wallTime, run);
      }
      case IMAGE -> MediaDecoder.legacyImage(tag, step, wallTime, v.getImage(), run);
      default -> {
        // audio: not this reader's business
      }
    }
  }

  private static void tensorValue(
      String tag, String plugin, Summary.Value v, long step, double wallTime, RunLog.Builder run)
      throws IOException {
    TensorProto t = v.getTensor();
    switch (plugin) {
      case SCALARS -> {
        double[] values = numbers(t);
        if (values.length == 1) {
          run.scalar(tag, new ScalarPoint(step, wallTime, values[0]));
        }
      }
      case HISTOGRAMS ->
          tensorHistogram(numbers(t))
              .ifPresent(h -> run.histogram(tag, new HistogramPoint(step, wallTime, h)));
      case EventEncoder.TEXT_PLUGIN ->
          run.text(
              tag,
              new TextPoint(
                  step,
                  wallTime,
                  t.getStringValList().stream()
                      .map(b -> b.toString(StandardCharsets.UTF_8))
                      .collect(Collectors.joining("\n"))));
      case MediaEncoder.IMAGES_PLUGIN -> MediaDecoder.images(tag, step, wallTime, t, run);
      case MediaEncoder.PR_CURVES_PLUGIN ->
          MediaDecoder.prCurve(tag, step, wallTime, numbers(t), run);
      case MediaEncoder.CUSTOM_SCALARS_PLUGIN -> MediaDecoder.layout(t, run);
      case HParamsEncoder.PLUGIN ->
          hparams(v.getMetadata().getPluginData().getContent().toByteArray(), run);
      default -> {
        // other plugins' tensors are not read
      }
    }
  }

  /**
   * TensorBoard's conversion of a legacy histogram: drop empty buckets at both ends, then use min
   * and max as the outer edges (TensorFlow's writer puts ±DBL_MAX there).
   */
  static Optional<Histogram> legacyHistogram(HistogramProto p) {
    int n = p.getBucketCount();
    int start = 0;
    while (start < n && p.getBucket(start) <= 0) {
      start++;
    }
    int end = n - 1;
    while (end >= 0 && p.getBucket(end) <= 0) {
      end--;
    }
    if (start > end) {
      return Optional.empty();
    }
    int k = end - start + 1;
    double[] edges = new double[k + 1];
    double[] counts = new double[k];
    edges[0] = p.getMin();
    for (int i = 0; i < k; i++) {
      counts[i] = p.getBucket(start + i);
      edges[i + 1] = i + 1 < k ? p.getBucketLimit(start + i) : p.getMax();
    }
    // min/max are exact only when they bracket the inner edges; otherwise keep edges monotone
    for (int i = 1; i <= k; i++) {
      edges[i] = Math.max(edges[i], edges[i - 1]);
    }
    return Optional.of(
        Histogram.ofBuckets(edges, counts, p.getMin(), p.getMax(), p.getSum(), p.getSumSquares()));
  }

  /** A {@code [k, 3]} tensor of (left, right, count) rows. */
  private static Optional<Histogram> tensorHistogram(double[] rows) {
    int k = rows.length / 3;
    if (k == 0) {
      return Optional.empty();
    }
    double[] edges = new double[k + 1];
    double[] counts = new double[k];
    edges[0] = rows[0];
    for (int i = 0; i < k; i++) {
      edges[i + 1] = Math.max(rows[3 * i + 1], edges[i]);
      counts[i] = rows[3 * i + 2];
    }
    return Optional.of(Histogram.ofBuckets(edges, counts));
  }

  /** A float or double tensor's values, from {@code tensor_content} or the typed fields. */
  private static double[] numbers(TensorProto t) {
    ByteBuffer content = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (t.getDtype() == DataType.DT_FLOAT) {
      if (content.hasRemaining()) {
        double[] out = new double[content.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
          out[i] = content.getFloat();
        }
        return out;
      }
      return t.getFloatValList().stream().mapToDouble(Float::doubleValue).toArray();
    }
    if (t.getDtype() == DataType.DT_DOUBLE) {
      if (content.hasRemaining()) {
        double[] out = new double[content.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
          out[i] = content.getDouble();
        }
        return out;
      }
      return t.getDoubleValList().stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new double[0];
  }

  private static void hparams(byte[] content, RunLog.Builder run) throws IOException {
    HParamsPluginData data = HParamsPluginData.parseFrom(content);
    switch (data.getDataCase()) {
      case SESSION_START_INFO -> {
        var s = data.getSessionStartInfo();
        Map<String, Object> hparams = new LinkedHashMap<>();
        s.getHparamsMap().forEach((k, v) -> hparams.put(k, fromValue(v)));
        run.session(
            new Session(hparams, s.getGroupName(), s.getStartTimeSecs(), RunStatus.UNKNOWN, 0));
      }
      case SESSION_END_INFO -> {
        var e = data.getSessionEndInfo();
        run.sessionEnd(status(e.getStatus()), e.getEndTimeSecs());
      }
      case EXPERIMENT -> run.experiment(experiment(data.getExperiment()));
      default -> {
        // nothing in it
      }
    }
  }

  private static Experiment experiment(dev.dltrack.tracker.tensorboard.proto.Experiment e) {
    Experiment.Builder b = Experiment.builder().description(e.getDescription());
    for (HParamInfo h : e.getHparamInfosList()) {
      Optional<Experiment.Domain> domain =
          switch (h.getDomainCase()) {
            case DOMAIN_DISCRETE ->
                Optional.of(
                    new Experiment.Discrete(
                        h.getDomainDiscrete().getValuesList().stream()
                            .map(TensorBoardRuns::fromValue)
                            .toList()));
            case DOMAIN_INTERVAL ->
                Optional.of(
                    new Experiment.Interval(
                        h.getDomainInterval().getMinValue(), h.getDomainInterval().getMaxValue()));
            default -> Optional.empty();
          };
      Experiment.HParamType type = HParamsEncoder.hparamType(h.getType());
      b.hparam(
          new Experiment.HParam(h.getName(), type, domain, h.getDisplayName(), h.getDescription()));
    }
    for (MetricInfo m : e.getMetricInfosList()) {
      b.metric(
          new Experiment.Metric(
              m.getName().getTag(),
              m.getDisplayName(),
              m.getDescription(),
              HParamsEncoder.dataset(m.getDatasetType())));
    }
    return b.build();
  }

  private static Object fromValue(Value v) {
    return switch (v.getKindCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case NUMBER_VALUE -> v.getNumberValue();
      default -> v.toString();
    };
  }

  private static RunStatus status(Status s) {
    return switch (s) {
      case STATUS_SUCCESS -> RunStatus.SUCCESS;
      case STATUS_FAILURE -> RunStatus.FAILURE;
      case STATUS_RUNNING -> RunStatus.RUNNING;
      default -> RunStatus.UNKNOWN;
    };
  }
}

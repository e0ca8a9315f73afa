package dev.dltrack.tracker.spi;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.Image;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.RunStatus;
import java.util.List;

/**
 * One thing a run logged. Records are immutable and validated by the run before a sink sees
 * them: tags are clean, steps non-negative. Wall times are seconds since the epoch.
 */
public sealed interface Record
    permits Record.Scalar,
        Record.HistogramValue,
        Record.Text,
        Record.Summary,
        Record.Images,
        Record.LayoutValue,
        Record.PrCurveValue,
        Record.EmbeddingValue,
        Record.End {

  /** A scalar value of a tag at a step. NaN and infinities are kept. */
  record Scalar(String tag, long step, double wallTime, double value) implements Record {
    public Scalar {
      requireNonNull(tag, "tag");
    }
  }

  /** A histogram of a tag at a step. */
  record HistogramValue(String tag, long step, double wallTime, Histogram histogram)
      implements Record {
    public HistogramValue {
      requireNonNull(tag, "tag");
      requireNonNull(histogram, "histogram");
    }
  }

  /** A markdown text of a tag at a step. */
  record Text(String tag, long step, double wallTime, String markdown) implements Record {
    public Text {
      requireNonNull(tag, "tag");
      requireNonNull(markdown, "markdown");
    }
  }

  /**
   * A summary metric: the value a run reports for {@code key} as a whole (a final test accuracy,
   * say), set at the run's latest step.
   */
  record Summary(String key, long step, double wallTime, double value) implements Record {
    public Summary {
      requireNonNull(key, "key");
    }
  }

  /** One or more images of a tag at a step, all of one size; at least one. */
  record Images(String tag, long step, double wallTime, List<Image> images) implements Record {
    public Images {
      requireNonNull(tag, "tag");
      images = List.copyOf(images);
    }
  }

  /** The run's layout of TensorBoard's Custom Scalars dashboard; the last one logged counts. */
  record LayoutValue(Layout layout, double wallTime) implements Record {
    public LayoutValue {
      requireNonNull(layout, "layout");
    }
  }

  /** A precision-recall curve of a tag at a step. */
  record PrCurveValue(String tag, long step, double wallTime, PrCurve curve) implements Record {
    public PrCurveValue {
      requireNonNull(tag, "tag");
      requireNonNull(curve, "curve");
    }
  }

  /** An embedding of a tag at a step, already {@linkplain Embedding#check() checked}. */
  record EmbeddingValue(String tag, long step, double wallTime, Embedding embedding)
      implements Record {
    public EmbeddingValue {
      requireNonNull(tag, "tag");
      requireNonNull(embedding, "embedding");
    }
  }

  /** The run ended; the last record a sink receives. {@code reason} is empty on success. */
  record End(RunStatus status, double wallTime, String reason) implements Record {
    public End {
      requireNonNull(status, "status");
      requireNonNull(reason, "reason");
    }
  }
}

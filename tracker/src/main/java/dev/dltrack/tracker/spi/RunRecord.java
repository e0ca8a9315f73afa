package dev.dltrack.tracker.spi;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.RunStatus;
import java.io.IOException;
import java.util.List;

/**
 * One record of a run: one thing it logged. Records are immutable and validated by the run before a
 * sink sees them: tags are clean, steps non-negative. Wall times are seconds since the epoch.
 */
public sealed interface RunRecord
    permits RunRecord.Scalar,
        RunRecord.HistogramValue,
        RunRecord.Text,
        RunRecord.Summary,
        RunRecord.Images,
        RunRecord.LayoutValue,
        RunRecord.PrCurveValue,
        RunRecord.EmbeddingValue,
        RunRecord.End {

  /**
   * Hands this record to the method of {@code visitor} for its kind. Sinks dispatch with this
   * rather than with {@code instanceof}: a new kind of record adds a method to {@link Visitor}, so
   * a sink that does not handle it fails to compile instead of dropping it silently. (Java 17 has
   * pattern matching in {@code switch} only as a preview feature.)
   *
   * @param visitor what handles the record
   * @throws IOException as the visitor's method throws it
   */
  void accept(Visitor visitor) throws IOException;

  /**
   * What a sink does with each kind of record, one method per kind. A sink implements it (usually
   * in a private class) and calls {@link RunRecord#accept} from {@link Sink#write}; a sink that
   * ignores a kind says so with an empty method.
   */
  interface Visitor {
    /**
     * Handles a scalar.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void scalar(Scalar record) throws IOException;

    /**
     * Handles a histogram.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void histogram(HistogramValue record) throws IOException;

    /**
     * Handles a text.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void text(Text record) throws IOException;

    /**
     * Handles a summary metric.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void summary(Summary record) throws IOException;

    /**
     * Handles images.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void images(Images record) throws IOException;

    /**
     * Handles the Custom Scalars layout.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void layout(LayoutValue record) throws IOException;

    /**
     * Handles a precision-recall curve.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void prCurve(PrCurveValue record) throws IOException;

    /**
     * Handles an embedding.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void embedding(EmbeddingValue record) throws IOException;

    /**
     * Handles the run's end.
     *
     * @param record the record
     * @throws IOException if writing it fails
     */
    void end(End record) throws IOException;
  }

  /** A scalar value of a tag at a step. NaN and infinities are kept. */
  record Scalar(String tag, long step, double wallTime, double value) implements RunRecord {
    /**
     * Refuses a null tag.
     *
     * @param tag the tag
     * @param step the step
     * @param wallTime the wall time, in seconds since the epoch
     * @param value the value
     */
    public Scalar {
      requireNonNull(tag, "tag");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.scalar(this);
    }
  }

  /** A histogram of a tag at a step. */
  record HistogramValue(String tag, long step, double wallTime, Histogram histogram)
      implements RunRecord {
    /**
     * Refuses a null tag or histogram.
     *
     * @param tag the tag
     * @param step the step
     * @param wallTime the wall time, in seconds since the epoch
     * @param histogram the histogram
     */
    public HistogramValue {
      requireNonNull(tag, "tag");
      requireNonNull(histogram, "histogram");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.histogram(this);
    }
  }

  /** A markdown text of a tag at a step. */
  record Text(String tag, long step, double wallTime, String markdown) implements RunRecord {
    /**
     * Refuses a null tag or markdown.
     *
     * @param tag the tag
     * @param step the step
     * @param wallTime the wall time, in seconds since the epoch
     * @param markdown the markdown text
     */
    public Text {
      requireNonNull(tag, "tag");
      requireNonNull(markdown, "markdown");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.text(this);
    }
  }

  /**
   * A summary metric: the value a run reports for {@code key} as a whole (a final test accuracy,
   * say), set at the run's latest step.
   */
  record Summary(String key, long step, double wallTime, double value) implements RunRecord {
    /**
     * Refuses a null key.
     *
     * @param key the summary metric's name
     * @param step the step
     * @param wallTime the wall time, in seconds since the epoch
     * @param value the value
     */
    public Summary {
      requireNonNull(key, "key");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.summary(this);
    }
  }

  /** One or more images of a tag at a step, all of one size; at least one. */
  record Images(String tag, long step, double wallTime, List<ImageData> images)
      implements RunRecord {
    /**
     * Refuses a null tag or images (and copies the images).
     *
     * @param tag the tag
     * @param step the step
     * @param wallTime the wall time, in seconds since the epoch
     * @param images the images
     */
    public Images {
      requireNonNull(tag, "tag");
      images = List.copyOf(images);
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.images(this);
    }
  }

  /** The run's layout of TensorBoard's Custom Scalars dashboard; the last one logged counts. */
  record LayoutValue(Layout layout, double wallTime) implements RunRecord {
    /**
     * Refuses a null layout.
     *
     * @param layout the layout
     * @param wallTime the wall time, in seconds since the epoch
     */
    public LayoutValue {
      requireNonNull(layout, "layout");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.layout(this);
    }
  }

  /** A precision-recall curve of a tag at a step. */
  record PrCurveValue(String tag, long step, double wallTime, PrCurve curve) implements RunRecord {
    /**
     * Refuses a null tag or curve.
     *
     * @param tag the tag
     * @param step the step
     * @param wallTime the wall time, in seconds since the epoch
     * @param curve the curve
     */
    public PrCurveValue {
      requireNonNull(tag, "tag");
      requireNonNull(curve, "curve");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.prCurve(this);
    }
  }

  /** An embedding of a tag at a step, already {@linkplain Embedding#check() checked}. */
  record EmbeddingValue(String tag, long step, double wallTime, Embedding embedding)
      implements RunRecord {
    /**
     * Refuses a null tag or embedding.
     *
     * @param tag the tag
     * @param step the step
     * @param wallTime the wall time, in seconds since the epoch
     * @param embedding the embedding
     */
    public EmbeddingValue {
      requireNonNull(tag, "tag");
      requireNonNull(embedding, "embedding");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.embedding(this);
    }
  }

  /** The run ended; the last record a sink receives. {@code reason} is empty on success. */
  record End(RunStatus status, double wallTime, String reason) implements RunRecord {
    /**
     * Refuses a null status or reason.
     *
     * @param status how the run ended
     * @param wallTime the wall time, in seconds since the epoch
     * @param reason why it failed; empty for none
     */
    public End {
      requireNonNull(status, "status");
      requireNonNull(reason, "reason");
    }

    @Override
    public void accept(Visitor visitor) throws IOException {
      visitor.end(this);
    }
  }
}

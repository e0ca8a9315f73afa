package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Layout;
import dev.dltrack.tracker.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one run's log holds, in the order it was logged: scalar series, histograms, texts,
 * images, PR curves and embeddings by tag (tags sorted), the Custom Scalars layout, the hparams
 * session and the experiment it declares, and warnings about what could not be read (a truncated
 * last record, say).
 */
public final class RunLog {
  private final String name;
  private final Path directory;
  private final ImmutableSortedMap<String, List<ScalarPoint>> scalars;
  private final ImmutableSortedMap<String, List<HistogramPoint>> histograms;
  private final ImmutableSortedMap<String, List<TextPoint>> texts;
  private final ImmutableSortedMap<String, List<ImagePoint>> images;
  private final ImmutableSortedMap<String, List<PrCurvePoint>> prCurves;
  private final ImmutableSortedMap<String, List<EmbeddingPoint>> embeddings;
  private final Optional<Layout> layout;
  private final Optional<Session> session;
  private final Optional<Experiment> experiment;
  private final ImmutableList<String> warnings;

  private RunLog(Builder b) {
    this.name = b.name;
    this.directory = b.directory;
    this.scalars = freeze(b.scalars);
    this.histograms = freeze(b.histograms);
    this.texts = freeze(b.texts);
    this.images = freeze(b.images);
    this.prCurves = freeze(b.prCurves);
    this.embeddings = freeze(b.embeddings);
    this.layout = Optional.ofNullable(b.layout);
    this.session = Optional.ofNullable(b.session);
    this.experiment = Optional.ofNullable(b.experiment);
    this.warnings = ImmutableList.copyOf(b.warnings);
  }

  private static <T> ImmutableSortedMap<String, List<T>> freeze(Map<String, List<T>> m) {
    ImmutableSortedMap.Builder<String, List<T>> b = ImmutableSortedMap.naturalOrder();
    m.forEach((k, v) -> b.put(k, ImmutableList.copyOf(v)));
    return b.build();
  }
  /**
   * Starts the log of the run {@code name} in {@code directory}, for a {@link dev.dltrack.tracker.spi.RunReader}.
   *
   * @param name the run's name
   * @param directory the run's directory
   * @return an empty builder
   */

  public static Builder builder(String name, Path directory) {
    return new Builder(name, directory);
  }

  /**
   * The run's name: its directory relative to the log root ({@code .} for the root itself).
   *
   * @return the run's name
   */
  public String name() {
    return name;
  }
  /**
   * The run's directory.
   *
   * @return the directory
   */

  public Path directory() {
    return directory;
  }
  /**
   * Scalars by tag, each tag's points in the order logged.
   *
   * @return every scalar series, by tag in tag order
   */

  public Map<String, List<ScalarPoint>> scalars() {
    return scalars;
  }

  /**
   * The series of {@code tag}, empty if the run has none.
   *
   * @param tag the tag
   * @return its points, in the order logged
   */
  public List<ScalarPoint> scalars(String tag) {
    return scalars.getOrDefault(tag, List.of());
  }

  /**
   * The last point of {@code tag}'s series (the last logged, as TensorBoard shows it).
   *
   * @param tag the tag
   * @return its last point, or empty if it has none
   */
  public Optional<ScalarPoint> lastScalar(String tag) {
    List<ScalarPoint> s = scalars(tag);
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(s.size() - 1));
  }
  /**
   * Histograms by tag, each tag's points in the order logged.
   *
   * @return every histogram series, by tag in tag order
   */

  public Map<String, List<HistogramPoint>> histograms() {
    return histograms;
  }
  /**
   * The histograms of {@code tag}, empty if the run has none.
   *
   * @param tag the tag
   * @return its points, in the order logged
   */

  public List<HistogramPoint> histograms(String tag) {
    return histograms.getOrDefault(tag, List.of());
  }
  /**
   * Texts by tag, each tag's points in the order logged.
   *
   * @return every text series, by tag in tag order
   */

  public Map<String, List<TextPoint>> texts() {
    return texts;
  }
  /**
   * The texts of {@code tag}, empty if the run has none.
   *
   * @param tag the tag
   * @return its points, in the order logged
   */

  public List<TextPoint> texts(String tag) {
    return texts.getOrDefault(tag, List.of());
  }

  /**
   * Images by tag, each tag's points in the order logged.
   *
   * @return every image series, by tag in tag order
   */
  public Map<String, List<ImagePoint>> images() {
    return images;
  }

  /**
   * The images of {@code tag}, empty if the run has none.
   *
   * @param tag the tag
   * @return its points, in the order logged
   */
  public List<ImagePoint> images(String tag) {
    return images.getOrDefault(tag, List.of());
  }

  /**
   * Precision-recall curves by tag (one tag per class for a multi-class prediction).
   *
   * @return every PR curve series, by tag in tag order
   */
  public Map<String, List<PrCurvePoint>> prCurves() {
    return prCurves;
  }

  /**
   * The PR curves of {@code tag}, empty if the run has none.
   *
   * @param tag the tag
   * @return its points, in the order logged
   */
  public List<PrCurvePoint> prCurves(String tag) {
    return prCurves.getOrDefault(tag, List.of());
  }

  /**
   * Embeddings by tag, each tag's points in step order.
   *
   * @return every embedding series, by tag in tag order
   */
  public Map<String, List<EmbeddingPoint>> embeddings() {
    return embeddings;
  }

  /**
   * The embeddings of {@code tag}, empty if the run has none.
   *
   * @param tag the tag
   * @return its points, in step order
   */
  public List<EmbeddingPoint> embeddings(String tag) {
    return embeddings.getOrDefault(tag, List.of());
  }

  /**
   * The run's Custom Scalars layout (the last it logged), if it logged one.
   *
   * @return the layout, or empty
   */
  public Optional<Layout> layout() {
    return layout;
  }

  /**
   * The run's hparams session, if it logged one.
   *
   * @return the session, or empty
   */
  public Optional<Session> session() {
    return session;
  }

  /**
   * The experiment this run declares, if it does.
   *
   * @return the experiment, or empty
   */
  public Optional<Experiment> experiment() {
    return experiment;
  }

  /**
   * What could not be read, one line each; empty for a sound log.
   *
   * @return the warnings, in the order met
   */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "RunLog{"
        + name
        + ", scalars="
        + scalars.keySet()
        + ", histograms="
        + histograms.keySet()
        + ", texts="
        + texts.keySet()
        + (images.isEmpty() ? "" : ", images=" + images.keySet())
        + (prCurves.isEmpty() ? "" : ", prCurves=" + prCurves.keySet())
        + (embeddings.isEmpty() ? "" : ", embeddings=" + embeddings.keySet())
        + (layout.isPresent() ? ", layout" : "")
        + "}";
  }

  /** Collects a run's data as a reader goes through its files. */
  public static final class Builder {
    private final String name;
    private final Path directory;
    private final Map<String, List<ScalarPoint>> scalars = new TreeMap<>();
    private final Map<String, List<HistogramPoint>> histograms = new TreeMap<>();
    private final Map<String, List<TextPoint>> texts = new TreeMap<>();
    private final Map<String, List<ImagePoint>> images = new TreeMap<>();
    private final Map<String, List<PrCurvePoint>> prCurves = new TreeMap<>();
    private final Map<String, List<EmbeddingPoint>> embeddings = new TreeMap<>();
    private Layout layout;
    private Session session;
    private Experiment experiment;
    private final List<String> warnings = new ArrayList<>();

    private Builder(String name, Path directory) {
      this.name = requireNonNull(name, "name");
      this.directory = requireNonNull(directory, "directory");
    }
    /**
     * Adds a scalar of {@code tag}, after those added before.
     *
     * @param tag the tag
     * @param p the point
     * @return this builder
     */

    public Builder scalar(String tag, ScalarPoint p) {
      scalars.computeIfAbsent(tag, t -> new ArrayList<>()).add(p);
      return this;
    }
    /**
     * Adds a histogram of {@code tag}, after those added before.
     *
     * @param tag the tag
     * @param p the point
     * @return this builder
     */

    public Builder histogram(String tag, HistogramPoint p) {
      histograms.computeIfAbsent(tag, t -> new ArrayList<>()).add(p);
      return this;
    }
    /**
     * Adds a text of {@code tag}, after those added before.
     *
     * @param tag the tag
     * @param p the point
     * @return this builder
     */

    public Builder text(String tag, TextPoint p) {
      texts.computeIfAbsent(tag, t -> new ArrayList<>()).add(p);
      return this;
    }
    /**
     * Adds an image of {@code tag}, after those added before.
     *
     * @param tag the tag
     * @param p the point
     * @return this builder
     */

    public Builder image(String tag, ImagePoint p) {
      images.computeIfAbsent(tag, t -> new ArrayList<>()).add(p);
      return this;
    }
    /**
     * Adds a PR curve of {@code tag}, after those added before.
     *
     * @param tag the tag
     * @param p the point
     * @return this builder
     */

    public Builder prCurve(String tag, PrCurvePoint p) {
      prCurves.computeIfAbsent(tag, t -> new ArrayList<>()).add(p);
      return this;
    }
    /**
     * Adds an embedding of {@code tag}, after those added before.
     *
     * @param tag the tag
     * @param p the point
     * @return this builder
     */

    public Builder embedding(String tag, EmbeddingPoint p) {
      embeddings.computeIfAbsent(tag, t -> new ArrayList<>()).add(p);
      return this;
    }

    /**
     * Sets the layout; a later one replaces an earlier one, as in TensorBoard.
     *
     * @param l the layout
     * @return this builder
     */
    public Builder layout(Layout l) {
      this.layout = l;
      return this;
    }
    /**
     * Sets the run's hparams session.
     *
     * @param s the session, as it started
     * @return this builder
     */

    public Builder session(Session s) {
      this.session = s;
      return this;
    }

    /**
     * Records the end of the session; ignored when no session started.
     *
     * @param status how the run ended
     * @param endTime when, in seconds since the epoch
     * @return this builder
     */
    public Builder sessionEnd(RunStatus status, double endTime) {
      if (session != null) {
        session = session.ended(status, endTime);
      }
      return this;
    }
    /**
     * Sets the experiment the run declares.
     *
     * @param e the experiment
     * @return this builder
     */

    public Builder experiment(Experiment e) {
      this.experiment = e;
      return this;
    }
    /**
     * Adds a warning.
     *
     * @param w what could not be read, and where
     * @return this builder
     */

    public Builder warning(String w) {
      warnings.add(w);
      return this;
    }
    /**
     * The log, with every series frozen.
     *
     * @return the run's log
     */

    public RunLog build() {
      return new RunLog(this);
    }
  }
}
